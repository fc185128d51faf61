using HubSpotEmulator.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHubSpotEmulator();
var app = builder.Build();
app.UseHubSpotEmulator();
app.Run();
