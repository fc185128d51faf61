using HubSpotCrm.ServiceDefaults.Health;
using HubSpotCrm.ServiceDefaults.Hosting;
using HubSpotCrm.ServiceDefaults.Observability;
using HubSpotCrm.Worker.Extensions;
using HubSpotCrm.Worker.Redrive;

if (RedriveCommand.IsRequested(args))
{
    return await RedriveCommand.RunAsync(args);
}

return await ServiceHost.RunAsync(args, HealthAndMetricsHost.CreateBuilder,
    builder => builder.AddWorkerServices(),
    app =>
    {
        app.UseHealthEndpoints();
        app.UseMetricsEndpoint();
    });
