namespace HubSpotCrm.EndToEnd.Tests;

/// <summary>Another Worker process beside a stack's: for start-up settings, and for what happens with several Workers.</summary>
public static class ExtraWorker
{
    /// <summary>
    /// A Worker on <paramref name="amqpUri"/> (the stack's virtual host unless given), in Production, with no HubSpot
    /// settings but those <paramref name="configure"/> adds: what a deployment gives it, not what the tests usually do.
    /// </summary>
    public static ServiceProcess Create(ServiceStack stack, string name, Action<Dictionary<string, string>> configure, Uri? amqpUri = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Logging__Format"] = "text",
        }.With(stack.BrokerSettings(amqpUri ?? stack.Broker.AmqpUri));
        configure(settings);
        return new ServiceProcess(name, "HubSpotCrm.Worker", FreePort.Next(), settings);
    }
}
