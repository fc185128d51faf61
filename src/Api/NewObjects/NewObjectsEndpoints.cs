using System.ComponentModel;
using System.Globalization;
using HubSpotCrm.Api.Validation;
using HubSpotCrm.Contracts.Queries;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HubSpotCrm.Api.NewObjects;

/// <summary>
/// The read path: asks the Worker over the bus (request/response) for contacts, deals and tickets created in HubSpot
/// since a time. The Worker reads them with a constant number of HubSpot calls per page.
/// </summary>
public static class NewObjectsEndpoints
{
    private const int MaxLimit = 100;
    private const int RetryAfterSeconds = 10;

    public static RouteGroupBuilder MapNewObjectsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/hubspot/new-objects", GetNewObjects)
            .WithName("GetNewObjects")
            .WithTags("HubSpot")
            .WithSummary("Contacts (with their deals), deals and tickets created in HubSpot since a time, a page per type.")
            .WithDescription("Objects come oldest first. Each type pages on its own cursor (`contactsAfter`, `dealsAfter`, " +
                             "`ticketsAfter`); `after` carries all three at once. A type with nothing new keeps its cursor: ask again " +
                             "later with it. Objects appear a few seconds after they are written (HubSpot's search lags).")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<Results<Ok<NewObjectsResponse>, ProblemHttpResult>> GetNewObjects(
        [Description("ISO 8601 time, e.g. 2026-11-27T10:00:00Z: objects created at or after it.")] string? since,
        [Description("Objects per type and page, 1 to 100 (default 100).")] int? limit,
        [Description("Cursor for contacts, from paging.contactsAfter.")] string? contactsAfter,
        [Description("Cursor for deals, from paging.dealsAfter.")] string? dealsAfter,
        [Description("Cursor for tickets, from paging.ticketsAfter.")] string? ticketsAfter,
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
        if (limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"must be between 1 and {MaxLimit}");
        }
        var cursor = new NewObjectsCursor(null, null, null);
        if (after is not null && !NewObjectsCursor.TryDecode(after, out cursor))
        {
            errors.Add("after", "is not a cursor this service issued");
        }
        if (errors.HasErrors)
        {
            return InvalidParameters(errors);
        }

        var request = new GetNewObjects(from, limit ?? MaxLimit,
            contactsAfter ?? cursor!.Contacts, dealsAfter ?? cursor!.Deals, ticketsAfter ?? cursor!.Tickets);
        try
        {
            var page = (await worker.GetResponse<NewObjectsPage>(request, cancellationToken)).Message;
            return TypedResults.Ok(new NewObjectsResponse(page.Contacts, page.Deals, page.Tickets, new NewObjectsPagingResponse(
                page.Paging.ContactsAfter, page.Paging.DealsAfter, page.Paging.TicketsAfter,
                NewObjectsCursor.EncodeOrNull(page.Paging.ContactsAfter, page.Paging.DealsAfter, page.Paging.TicketsAfter))));
        }
        catch (RequestFaultException fault) when (fault.Fault?.Exceptions.Any(e => e.ExceptionType == typeof(ArgumentException).FullName) == true)
        {
            errors.Add("after", "is not a cursor this service issued");
            return InvalidParameters(errors);
        }
        catch (Exception exception) when (exception is RequestTimeoutException or RequestFaultException)
        {
            response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "HubSpot cannot be read right now",
                detail: exception is RequestTimeoutException
                    ? "The Worker did not answer in time; it may be paused (see its /health/ready). Retry later."
                    : $"The Worker could not read HubSpot: {((RequestFaultException)exception).Fault?.Exceptions.FirstOrDefault()?.Message}. Retry later.");
        }
    }

    private static ProblemHttpResult InvalidParameters(ValidationErrors errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request has invalid parameters",
        });
}
