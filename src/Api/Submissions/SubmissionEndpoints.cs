using System.ComponentModel;
using HubSpotCrm.Api.Diagnostics;
using HubSpotCrm.Api.Idempotency;
using HubSpotCrm.Api.OpenApi.Schemas;
using HubSpotCrm.Api.Requests;
using HubSpotCrm.Api.Waiting;
using HubSpotCrm.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HubSpotCrm.Api.Submissions;

/// <summary>The old service's routes and bodies, now answered with 202 and a status URL.</summary>
public static class SubmissionEndpoints
{
    private const string IdempotencyKeyDescription =
        "Makes retries safe: the same key with the same body answers with the request the first submission created " +
        "(202, or 200 with its final state) and publishes nothing again; the same key with another body is 422. " +
        "Keys are per API client; 1 to 255 visible ASCII characters without commas; use a new UUID per submission.";

    private const string PreferDescription =
        "`wait=N` (RFC 7240): wait up to N seconds for the final state and answer 200 with it, as GET /api/v1/requests/{id} would.";

    public static RouteGroupBuilder MapSubmissionEndpoints(this RouteGroupBuilder api)
    {
        var hubspot = api.MapGroup("/hubspot")
            .WithTags("Submissions")
            .WithMetadata(new CreatesRequestMetadata())
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        hubspot.MapPost("/contact", SubmitContact)
            .WithName("SubmitContact")
            .WithSummary("Create or update a contact, matched by email.")
            .Accepts<ContactSubmission>("application/json");
        hubspot.MapPost("/deals", SubmitDeals)
            .WithName("SubmitDeals")
            .WithSummary("Create or update deals of a contact, matched by deal name among the contact's deals.")
            .Accepts<DealsSubmission>("application/json");
        hubspot.MapPost("/tickets", SubmitTickets)
            .WithName("SubmitTickets")
            .WithSummary("Create tickets for a contact, linked to the given deals or to all of the contact's deals.")
            .Accepts<TicketsSubmission>("application/json");
        return api;
    }

    private static Task<Results<Ok<RequestStatusResponse>, Accepted<SubmissionAccepted>, ProblemHttpResult>> SubmitContact(
        HttpContext context,
        [FromHeader(Name = IdempotencyKey.HeaderName), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        [FromHeader(Name = WaitPreference.PreferHeader), Description(PreferDescription)] string? prefer,
        SubmissionHandler handler, ContactSubmissionValidator validator, CancellationToken cancellationToken) =>
        handler.HandleAsync(context, validator, RequestKinds.Contact, BusTopology.UpsertContactQueue, idempotencyKey, prefer, cancellationToken);

    private static Task<Results<Ok<RequestStatusResponse>, Accepted<SubmissionAccepted>, ProblemHttpResult>> SubmitDeals(
        HttpContext context,
        [FromHeader(Name = IdempotencyKey.HeaderName), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        [FromHeader(Name = WaitPreference.PreferHeader), Description(PreferDescription)] string? prefer,
        SubmissionHandler handler, DealsSubmissionValidator validator, CancellationToken cancellationToken) =>
        handler.HandleAsync(context, validator, RequestKinds.Deals, BusTopology.UpsertDealsQueue, idempotencyKey, prefer, cancellationToken);

    private static Task<Results<Ok<RequestStatusResponse>, Accepted<SubmissionAccepted>, ProblemHttpResult>> SubmitTickets(
        HttpContext context,
        [FromHeader(Name = IdempotencyKey.HeaderName), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        [FromHeader(Name = WaitPreference.PreferHeader), Description(PreferDescription)] string? prefer,
        SubmissionHandler handler, TicketsSubmissionValidator validator, CancellationToken cancellationToken) =>
        handler.HandleAsync(context, validator, RequestKinds.Tickets, BusTopology.CreateTicketsQueue, idempotencyKey, prefer, cancellationToken);
}
