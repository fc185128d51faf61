namespace HubSpotCrm.EndToEnd.Tests.Api;

/// <summary>
/// Another Api process beside a stack's, on the stack's database: for start-up settings, and for what happens with
/// several Api instances.
/// </summary>
public static class ExtraApi
{
    public static ServiceProcess Create(ServiceStack stack, string name, Action<Dictionary<string, string>>? configure = null, Uri? amqpUri = null)
    {
        var settings = new Dictionary<string, string>(stack.Options.Api)
        {
            ["ConnectionStrings__Requests"] = stack.Database.ConnectionString,
        }.With(stack.BrokerSettings(amqpUri ?? stack.Broker.AmqpUri));
        configure?.Invoke(settings);
        return new ServiceProcess(name, "HubSpotCrm.Api", FreePort.Next(), settings);
    }
}
