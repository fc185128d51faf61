using System.Text.Json.Serialization.Metadata;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Http;
using HubSpotEmulator.Objects;

namespace HubSpotEmulator.Associations;

/// <summary>What the v3 and v4 association batch endpoints share: input checks and the batch envelope.</summary>
internal static class AssociationBatches
{
    public static InputError? Check<T>(string fromName, string toName, IReadOnlyList<T>? inputs, int max, out ObjectTypeInfo from, out ObjectTypeInfo to) =>
        AssociationV4Endpoints.ResolvePair(fromName, toName, out from, out to)
        ?? (BatchLimits.Check(inputs, max) is { } problem ? InputError.BadRequest(problem) : null);

    /// <summary>200/201 when every input succeeded, 207 with <c>errors</c> otherwise.</summary>
    public static IResult Respond<T>(
        List<T> results,
        List<StandardError> errors,
        Timestamp startedAt,
        TimeProvider clock,
        int successStatus,
        JsonTypeInfo<BatchResponse<T>> typeInfo)
    {
        var response = new BatchResponse<T>(
            BatchResponse<T>.Complete,
            results,
            errors.Count == 0 ? null : errors.Count,
            errors.Count == 0 ? null : errors,
            startedAt.Text,
            Timestamp.Now(clock).Text);
        return HubSpotResults.Json(response, typeInfo, response.HasErrors ? StatusCodes.Status207MultiStatus : successStatus);
    }
}
