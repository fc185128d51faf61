namespace HubSpotCrm.Api.Requests;

/// <summary>
/// A request's final state as a result event reports it: its result or its error, as JSON, and the client a bus
/// command named (it owns a request first seen here).
/// </summary>
public sealed record RequestCompletion(Guid Id, string Kind, string Status, string? Result, string? Error, string? Client)
{
    public static RequestCompletion Succeeded(Guid id, string kind, string result, string? client) =>
        new(id, kind, RequestStatuses.Succeeded, result, null, client);

    public static RequestCompletion Failed(Guid id, string kind, string error, string? client) =>
        new(id, kind, RequestStatuses.Failed, null, error, client);
}
