using HubSpotCrm.ServiceDefaults.Health;
using HubSpotCrm.ServiceDefaults.Observability;
using HubSpotCrm.Worker.Extensions;

var builder = WebApplication.CreateBuilder(args);
builder.AddWorkerServices();

var app = builder.Build();
app.MapHealthEndpoints();
app.MapMetricsEndpoint();
app.Run();
