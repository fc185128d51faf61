using HubSpotCrm.ServiceDefaults.Health;
using HubSpotCrm.ServiceDefaults.Observability;
using HubSpotCrm.Worker.Extensions;
using HubSpotCrm.Worker.Redrive;

if (RedriveCommand.IsRequested(args))
{
    return await RedriveCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddWorkerServices();

var app = builder.Build();
app.MapHealthEndpoints();
app.MapMetricsEndpoint();
await app.RunAsync();
return 0;
