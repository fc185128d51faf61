using System.ComponentModel;
using HubSpotCrm.Api.Diagnostics;
using HubSpotCrm.Api.Idempotency;
using HubSpotCrm.Api.OpenApi.Schemas;
using HubSpotCrm.Api.Waiting;
using HubSpotCrm.Api.Webhooks;
using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.Contracts.Commands;
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
        hubspot.MapSubmission<UpsertContact, ContactSubmission>();
        hubspot.MapSubmission<UpsertDeals, DealsSubmission>();
        hubspot.MapSubmission<CreateTickets, TicketsSubmission>();
        hubspot.MapSubmission<UpsertCompany, CompanySubmission>();
        return api;
    }

    /// <summary>
    /// The route of one command of the catalogue: POST /api/v1/hubspot/{its request kind}, its body read by the command's
    /// validator and documented by <typeparamref name="TBody"/>, the HTTP form of the command (the old service's).
    /// </summary>
    private static void MapSubmission<TCommand, TBody>(this RouteGroupBuilder hubspot)
        where TCommand : class
        where TBody : notnull
    {
        var command = CommandCatalogue.For<TCommand>();
        hubspot.MapPost($"/{command.RequestKind}", (
                HttpContext context,
                [FromHeader(Name = IdempotencyKey.HeaderName), Description(IdempotencyKeyDescription)] string? idempotencyKey,
                [FromHeader(Name = WaitPreference.PreferHeader), Description(PreferDescription)] string? prefer,
                [FromHeader(Name = CallbackTargets.CallbackUrlHeader), Description(CallbackTargets.CallbackUrlDescription)] string? callbackUrl,
                SubmissionHandler handler,
                ISubmissionValidator<TCommand> validator,
                CancellationToken cancellationToken) => handler.HandleAsync(context, validator, idempotencyKey, prefer, callbackUrl, cancellationToken))
            .WithName($"Submit{char.ToUpperInvariant(command.RequestKind[0])}{command.RequestKind[1..]}")
            .WithSummary(command.Summary)
            .Accepts<TBody>("application/json");
    }
}
