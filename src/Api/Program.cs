using HubSpotCrm.Api.Extensions;
using HubSpotCrm.ServiceDefaults.Hosting;

return await ServiceHost.RunAsync(args, WebApplication.CreateBuilder, builder => builder.AddApiServices(), app => app.MapApi());
