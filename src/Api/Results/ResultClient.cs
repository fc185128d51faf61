using HubSpotCrm.Contracts.Headers;
using MassTransit;

namespace HubSpotCrm.Api.Results;

/// <summary>
/// The API client a result event's request belongs to, from the client header the Worker carries over from the
/// command. An event forged or from an older Worker may carry anything: a value that is no client name counts as none,
/// so the request is seen by operators only.
/// </summary>
public static class ResultClient
{
    public static string? Of(ConsumeContext result) =>
        result.Headers.Get<string>(ClientHeader.Name) is { } client && ClientHeader.IsClientName(client) ? client : null;
}
