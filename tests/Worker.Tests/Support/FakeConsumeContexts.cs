using MassTransit;
using NSubstitute;

namespace HubSpotCrm.Worker.Tests.Support;

/// <summary>Consume contexts carrying a command, for the parts of the Worker that only read the message.</summary>
public static class FakeConsumeContexts
{
    public static ConsumeContext<T> Of<T>(T message)
        where T : class
    {
        var context = Substitute.For<ConsumeContext<T>>();
        context.Message.Returns(message);
        return context;
    }
}
