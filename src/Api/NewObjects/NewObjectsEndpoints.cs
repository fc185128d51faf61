using System.ComponentModel;
using System.Globalization;
using HubSpotCrm.Api.Validation;
using HubSpotCrm.Contracts.Queries;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HubSpotCrm.Api.NewObjects;

/// <summary>
/// The read path: asks the Worker over the bus (request/response) for contacts, deals, tickets and companies created in HubSpot
/// since a time. The Worker reads them with a constant number of HubSpot calls per page, and issues and reads the
/// cursors: they pass through here unopened.
/// </summary>
public static class NewObjectsEndpoints
{
    private const int RetryAfterSeconds = 10;

    public static RouteGroupBuilder MapNewObjectsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/hubspot/new-objects", ReadNewObjects)
            .WithName("GetNewObjects")
            .WithTags("HubSpot")
            .WithSummary("Contacts (with their deals), deals, tickets and companies created in HubSpot since a time, a page per type.")
            .WithDescription("Objects come oldest first. Each type pages on its own cursor (`contactsAfter`, `dealsAfter`, " +
                             "`ticketsAfter`, `companiesAfter`); `after` carries them all at once. A type with nothing new keeps its cursor: ask again " +
                             "later with it. Objects appear a few seconds after they are written (HubSpot's search lags).")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<Results<Ok<NewObjectsResponse>, ProblemHttpResult>> ReadNewObjects(
        [Description("ISO 8601 time, e.g. 2026-11-27T10:00:00Z: objects created at or after it.")] string? since,
        [Description("Objects per type and page, 1 to 100 (default 100).")] int? limit,
        [Description("Cursor for contacts, from paging.contactsAfter.")] string? contactsAfter,
        [Description("Cursor for deals, from paging.dealsAfter.")] string? dealsAfter,
        [Description("Cursor for tickets, from paging.ticketsAfter.")] string? ticketsAfter,
        [Description("Cursor for companies, from paging.companiesAfter.")] string? companiesAfter,
        [Description("The combined cursor from paging.after (the old service's single cursor).")] string? after,
        IRequestClient<GetNewObjects> worker,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (since is null || !DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from))
        {
            errors.Add("since", "is required: an ISO 8601 time such as 2026-11-27T10:00:00Z");
            from = default;
        }
        if (limit is < 1 or > GetNewObjects.MaxLimit)
        {
            errors.Add("limit", $"must be between 1 and {GetNewObjects.MaxLimit}");
        }
        if (errors.HasErrors)
        {
            return InvalidParameters(errors);
        }

        var request = new GetNewObjects(from, limit ?? GetNewObjects.MaxLimit, contactsAfter, dealsAfter, ticketsAfter, companiesAfter, after);
        try
        {
            var answer = await worker.GetResponse<NewObjectsPage, NewObjectsRejected>(request, cancellationToken);
            return answer.Message switch
            {
                NewObjectsPage page => TypedResults.Ok(NewObjectsResponse.From(page)),
                NewObjectsRejected rejected => Refused(rejected, response),
                _ => throw new InvalidOperationException("The Worker answered neither a page nor a rejection."),
            };
        }
        catch (RequestTimeoutException)
        {
            return Unavailable(response, "The Worker did not answer in time; it may be paused (see its /health/ready). Retry later.");
        }
        catch (RequestFaultException fault)
        {
            return Unavailable(response, $"The Worker could not read HubSpot: {fault.Fault?.Exceptions.FirstOrDefault()?.Message}. Retry later.");
        }
    }

    private static ProblemHttpResult Refused(NewObjectsRejected rejected, HttpResponse response) => rejected.Reason switch
    {
        // Every cursor parameter is reported as after; the message names the one at fault.
        NewObjectsRejected.InvalidCursor => InvalidParameter("after", rejected.Message),
        NewObjectsRejected.InvalidLimit => InvalidParameter("limit", rejected.Message),
        _ => Unavailable(response, $"The Worker could not read HubSpot: {rejected.Message}. Retry later."),
    };

    private static ProblemHttpResult InvalidParameter(string parameter, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(parameter, message);
        return InvalidParameters(errors);
    }

    private static ProblemHttpResult InvalidParameters(ValidationErrors errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request has invalid parameters",
        });

    private static ProblemHttpResult Unavailable(HttpResponse response, string detail)
    {
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "HubSpot cannot be read right now", detail: detail);
    }
}
