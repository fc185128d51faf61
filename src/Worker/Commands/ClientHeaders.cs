using HubSpotCrm.Contracts.Headers;
using MassTransit;

namespace HubSpotCrm.Worker.Commands;

public static class ClientHeaders
{
    /// <summary>Carries a command's client over to its result event; a command that named none (or no valid one) gives none.</summary>
    public static void SetClient(this SendHeaders headers, string? client)
    {
        if (ClientHeader.IsClientName(client))
        {
            headers.Set(ClientHeader.Name, client);
        }
    }
}
