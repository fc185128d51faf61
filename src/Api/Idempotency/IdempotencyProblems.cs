using Microsoft.AspNetCore.Http.HttpResults;

namespace HubSpotCrm.Api.Idempotency;

/// <summary>The answers to an Idempotency-Key that cannot be used, on single and bulk routes alike.</summary>
public static class IdempotencyProblems
{
    public static ProblemHttpResult Invalid() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Idempotency-Key header", detail: IdempotencyKey.Rule);

    public static ProblemHttpResult Reused() =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "Idempotency-Key already used for a different request",
            detail: "This client already sent a different body (or route) with this Idempotency-Key. Use a new key for a new request.");
}
