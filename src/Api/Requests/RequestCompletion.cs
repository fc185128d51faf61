namespace HubSpotCrm.Api.Requests;

/// <summary>A request's final state as a result event reports it: its result or its error, as JSON.</summary>
public sealed record RequestCompletion(Guid Id, string Kind, string Status, string? Result, string? Error)
{
    public static RequestCompletion Succeeded(Guid id, string kind, string result) => new(id, kind, RequestStatuses.Succeeded, result, null);

    public static RequestCompletion Failed(Guid id, string kind, string error) => new(id, kind, RequestStatuses.Failed, null, error);
}
