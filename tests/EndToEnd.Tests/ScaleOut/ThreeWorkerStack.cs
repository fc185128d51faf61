namespace HubSpotCrm.EndToEnd.Tests.ScaleOut;

/// <summary>
/// The stack with two more Workers on the same virtual host and HubSpot account, none with a share of the budget set:
/// what a deployment that scaled its Workers out runs.
/// </summary>
public sealed class ThreeWorkerStack : ServiceStack
{
    public List<ServiceProcess> ExtraWorkers { get; } = [];

    public IEnumerable<ServiceProcess> Workers => [Worker, .. ExtraWorkers];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        for (var i = 2; i <= 3; i++)
        {
            ExtraWorkers.Add(ExtraWorker.Create(this, $"worker-{i}", settings =>
            {
                foreach (var (key, value) in Options.Worker)
                {
                    settings[key] = value;
                }
                settings["HubSpot__BaseUrl"] = Emulator.BaseUrl.ToString();
            }, Broker.Users.Worker.AmqpUri));
        }
        await Task.WhenAll(ExtraWorkers.Select(w => w.StartAsync()));
    }

    public override async Task DisposeAsync()
    {
        foreach (var worker in ExtraWorkers)
        {
            await worker.DisposeAsync();
        }
        await base.DisposeAsync();
    }
}
