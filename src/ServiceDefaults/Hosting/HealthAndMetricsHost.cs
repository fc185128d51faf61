using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HubSpotCrm.ServiceDefaults.Hosting;

/// <summary>
/// The host of a service whose HTTP port serves only health and metrics, the Worker: the settings, environment and
/// addresses of <see cref="WebApplication.CreateBuilder(string[])"/>, on Kestrel's core alone. Left out is what only
/// an HTTP API needs (endpoint routing, HTTPS, HTTP/3, IIS, host filtering, Microsoft's log providers beside
/// Serilog): 12 fewer assemblies and 3.5 MB less memory for the idle Worker, 10 MB less for an app that serves
/// nothing else (bench/README.md, finding 8). Settings files are read once, at start: a container's are not edited in
/// place, and watching them costs a watcher thread.
/// </summary>
public static class HealthAndMetricsHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        // The host settings the default builder reads, in its order: ASPNETCORE_ over DOTNET_, the command line over both.
        var host = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            Args = args,
            EnvironmentName = host[HostDefaults.EnvironmentKey] ?? Environments.Production,
            ContentRootPath = host[HostDefaults.ContentRootKey] ?? Directory.GetCurrentDirectory(),
            ApplicationName = host[HostDefaults.ApplicationKey],
        });
        var environment = builder.Environment;
        builder.Configuration.AddConfiguration(host);
        builder.Configuration
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddJsonFile($"appsettings.{environment.EnvironmentName}.json", optional: true, reloadOnChange: false);
        if (environment.IsDevelopment() && Assembly.GetEntryAssembly() is { } entry)
        {
            builder.Configuration.AddUserSecrets(entry, optional: true, reloadOnChange: false);
        }
        builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);
        builder.Host.UseDefaultServiceProvider(options =>
        {
            options.ValidateScopes = environment.IsDevelopment();
            options.ValidateOnBuild = environment.IsDevelopment();
        });
        builder.WebHost.UseKestrelCore();
        return builder;
    }
}
