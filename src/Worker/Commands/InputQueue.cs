using MassTransit;

namespace HubSpotCrm.Worker.Commands;

/// <summary>The name of the queue a message was received from: the last segment of its input address.</summary>
public static class InputQueue
{
    public static string Of(ReceiveContext context) =>
        context.InputAddress.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
}
