using HubSpotCrm.Api.Extensions;
using HubSpotCrm.ServiceDefaults.Hosting;

return await ServiceHost.RunAsync(args, builder => builder.AddApiServices(), app => app.MapApi());
