using System.ComponentModel;
using HubSpotCrm.Api.Validation;
using HubSpotCrm.Api.Waiting;
using HubSpotCrm.Api.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Requests;

public static class RequestStatusEndpoints
{
    public static RouteGroupBuilder MapRequestStatusEndpoints(this RouteGroupBuilder api)
    {
        var requests = api.MapGroup("/requests").WithTags("Requests");
        requests.MapGet("/{id:guid}", GetRequest)
            .WithName("GetRequest")
            .WithSummary("The status of a submitted request: accepted, succeeded or failed, with its result or error.")
            .WithDescription("A client sees only its own requests (those it submitted, and bus commands that named it in their " +
                             "`HubSpotCrm-Client` header); another client's request answers 404, as an unknown id does. Operators " +
                             "(`ApiKeys:Operators`) see every request. With `Prefer: wait=N` the answer waits up to N seconds (at most the configured cap) for the final " +
                             "state; `Preference-Applied: wait=N` says the wait was granted. A request still accepted when the " +
                             "wait runs out is answered as it is.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        requests.MapGet("", ListRequests)
            .WithName("ListRequests")
            .WithSummary("Requests, newest first, filtered by status, kind and creation time, in pages.")
            .WithDescription("A client lists only its own requests; operators list every request, bus commands without a client " +
                             "included. Pages are cut by an opaque cursor: pass the `next` of a page as `after` to get the following " +
                             "one; `next` is null on the last page. Requests created while paging never shift a page.")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<Results<Ok<RequestStatusResponse>, ProblemHttpResult>> GetRequest(
        Guid id,
        [FromHeader(Name = WaitPreference.PreferHeader), Description("`wait=N`: wait up to N seconds for the final state (RFC 7240).")]
        string? prefer,
        HttpContext http,
        RequestStore store,
        RequestCompletionWaiter waiter,
        WebhookDeliveryStore deliveries,
        IOptions<WaitOptions> waitOptions,
        CancellationToken cancellationToken)
    {
        var wait = WaitPreference.Grant(prefer, waitOptions.Value.MaxSeconds);
        var viewer = RequestViewer.Of(http.User);
        var record = wait is { } seconds
            ? await waiter.WaitForFinalAsync(id, viewer, TimeSpan.FromSeconds(seconds), cancellationToken)
            : await store.FindAsync(id, viewer, cancellationToken);
        if (record is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Request not found",
                detail: $"No request has the id {id}.");
        }
        if (wait is not null)
        {
            http.Response.Headers[WaitPreference.PreferenceAppliedHeader] = $"wait={wait}";
        }
        return TypedResults.Ok(RequestStatusResponse.From(record, await deliveries.OfAsync(record.Id, record.WebhookUrl, cancellationToken)));
    }

    private static async Task<Results<Ok<RequestPage>, ProblemHttpResult>> ListRequests(
        [Description("accepted, succeeded or failed.")] string? status,
        [Description("contact, deals or tickets.")] string? kind,
        [Description("Only requests created at or after this ISO 8601 time, e.g. 2026-11-27T10:00:00Z.")] string? since,
        [Description("Page size, 1 to 500; 50 when omitted.")] string? limit,
        [Description("The `next` cursor of the previous page.")] string? after,
        HttpContext http,
        RequestStore store,
        WebhookDeliveryStore deliveries,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var query = RequestListQuery.Parse(status, kind, since, limit, after, errors);
        if (query is null)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Invalid query parameters",
                Detail = "See 'errors' for every invalid parameter and what it must be.",
            });
        }
        var rows = await store.ListAsync(query, RequestViewer.Of(http.User), cancellationToken);
        var page = rows.Take(query.Limit).ToList();
        var next = rows.Count > query.Limit ? RequestCursor.From(page[^1]).Encode() : null;
        var callbacks = await deliveries.FindManyAsync([.. page.Where(r => r.WebhookUrl is not null).Select(r => r.Id)], cancellationToken);
        return TypedResults.Ok(new RequestPage([.. page.Select(r => RequestStatusResponse.From(r, callbacks.GetValueOrDefault(r.Id)))], next));
    }
}
