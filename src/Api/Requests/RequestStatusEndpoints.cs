using Microsoft.AspNetCore.Http.HttpResults;

namespace HubSpotCrm.Api.Requests;

public static class RequestStatusEndpoints
{
    public static RouteGroupBuilder MapRequestStatusEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/requests/{id:guid}", GetRequest)
            .WithName("GetRequest")
            .WithSummary("The status of a submitted request: accepted, succeeded or failed, with its result or error.");
        return api;
    }

    private static async Task<Results<Ok<RequestStatusResponse>, ProblemHttpResult>> GetRequest(
        Guid id, RequestStore store, CancellationToken cancellationToken)
    {
        var record = await store.FindAsync(id, cancellationToken);
        return record is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Request not found",
                detail: $"No request has the id {id}.")
            : TypedResults.Ok(RequestStatusResponse.From(record));
    }
}
