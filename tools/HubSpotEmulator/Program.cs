using HubSpotEmulator.Hosting;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync();
}

var builder = WebApplication.CreateBuilder(args);
builder.AddHubSpotEmulator();
var app = builder.Build();
app.UseHubSpotEmulator();
await app.RunAsync();
return 0;
