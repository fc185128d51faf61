using HubSpotCrm.Api.Requests;
using HubSpotCrm.Contracts.Commands;
using HubSpotCrm.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HubSpotCrm.Api.Submissions;

/// <summary>The old service's routes and bodies, now answered with 202 and a status URL.</summary>
public static class SubmissionEndpoints
{
    public static RouteGroupBuilder MapSubmissionEndpoints(this RouteGroupBuilder api)
    {
        var hubspot = api.MapGroup("/hubspot");
        hubspot.MapPost("/contact", SubmitContact)
            .WithName("SubmitContact")
            .WithSummary("Create or update a contact, matched by email.");
        hubspot.MapPost("/deals", SubmitDeals)
            .WithName("SubmitDeals")
            .WithSummary("Create or update deals of a contact, matched by deal name among the contact's deals.");
        hubspot.MapPost("/tickets", SubmitTickets)
            .WithName("SubmitTickets")
            .WithSummary("Create tickets for a contact, linked to the given deals or to all of the contact's deals.");
        return api;
    }

    private static Task<Results<Accepted<SubmissionAccepted>, ProblemHttpResult>> SubmitContact(
        HttpRequest request, SubmissionHandler handler, ContactSubmissionValidator validator, CancellationToken cancellationToken) =>
        handler.HandleAsync(request, validator, RequestKinds.Contact, BusTopology.UpsertContactQueue, cancellationToken);

    private static Task<Results<Accepted<SubmissionAccepted>, ProblemHttpResult>> SubmitDeals(
        HttpRequest request, SubmissionHandler handler, DealsSubmissionValidator validator, CancellationToken cancellationToken) =>
        handler.HandleAsync(request, validator, RequestKinds.Deals, BusTopology.UpsertDealsQueue, cancellationToken);

    private static Task<Results<Accepted<SubmissionAccepted>, ProblemHttpResult>> SubmitTickets(
        HttpRequest request, SubmissionHandler handler, TicketsSubmissionValidator validator, CancellationToken cancellationToken) =>
        handler.HandleAsync(request, validator, RequestKinds.Tickets, BusTopology.CreateTicketsQueue, cancellationToken);
}
