using System.Text.RegularExpressions;
using HubSpotCrm.ServiceDefaults.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.ServiceDefaults.Hosting;

/// <summary>
/// Builds and runs a service with the exit codes its supervisor acts on. A setting that is missing or malformed is
/// reported as such, one line per problem naming the setting, and ends the process with <see cref="ConfigurationErrorExitCode"/>
/// instead of a stack trace. <c>check-config</c> stops right after that check, for a one-shot container that keeps
/// compose from restarting a service that cannot start; <c>health</c> is the container health probe.
/// </summary>
public static partial class ServiceHost
{
    /// <summary>EX_CONFIG: starting again will not help until somebody fixes a setting.</summary>
    public const int ConfigurationErrorExitCode = 78;

    /// <summary>EX_SOFTWARE: the service failed; its supervisor should start it again.</summary>
    public const int FatalExitCode = 70;

    public const string CheckConfigVerb = "check-config";

    /// <param name="createBuilder">The host's defaults: <see cref="WebApplication.CreateBuilder(string[])"/> for a service
    /// with an HTTP API, <see cref="HealthAndMetricsHost.CreateBuilder"/> for one whose port serves only health and metrics.</param>
    public static async Task<int> RunAsync(string[] args, Func<string[], WebApplicationBuilder> createBuilder,
        Action<WebApplicationBuilder> configure, Action<WebApplication> map)
    {
        if (HealthProbe.IsRequested(args))
        {
            return await HealthProbe.RunAsync(args);
        }
        var checkOnly = args is [CheckConfigVerb, ..];
        WebApplication app;
        try
        {
            var builder = createBuilder(checkOnly ? args[1..] : args);
            configure(builder);
            app = builder.Build();
            map(app);
            app.Services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception exception) when (SettingProblems(exception) is { Count: > 0 } problems)
        {
            return await ReportAsync(problems);
        }

        await using (app)
        {
            if (checkOnly)
            {
                await Console.Out.WriteLineAsync($"{app.Environment.ApplicationName}: the configuration is valid.");
                return 0;
            }
            // Not RunAsync: it disposes the host, and what failed must still be readable once it stopped.
            try
            {
                await app.StartAsync();
                await app.WaitForShutdownAsync();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"{app.Environment.ApplicationName} stopped: {exception.Message}");
                return Environment.ExitCode != 0 ? Environment.ExitCode : FatalExitCode;
            }
            return ExitCodeAfterStop(app);
        }
    }

    /// <summary>
    /// A background service that failed stops the host as if asked to (.NET's default), which would end the process
    /// with 0: a supervisor restarting on failure would then leave the service down. Its failure is the exit code's.
    /// </summary>
    private static int ExitCodeAfterStop(WebApplication app)
    {
        if (Environment.ExitCode != 0)
        {
            return Environment.ExitCode;
        }
        var failed = app.Services.GetServices<IHostedService>().OfType<BackgroundService>()
            .Where(s => s.ExecuteTask is { IsFaulted: true })
            .ToList();
        foreach (var service in failed)
        {
            Console.Error.WriteLine($"{app.Environment.ApplicationName} stopped because {service.GetType().Name} failed: {service.ExecuteTask!.Exception?.GetBaseException().Message}");
        }
        return failed.Count > 0 ? FatalExitCode : 0;
    }

    private static List<string> SettingProblems(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures.Select(Plain)],
        AggregateException all when all.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. all.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures).Select(Plain)],
        MissingSettingException missing => [missing.Message],
        InvalidOperationException unconvertible when UnconvertibleSetting().Match(unconvertible.Message) is { Success: true } match =>
            // The value itself may be a secret: name the setting and the type it must have, never what was given.
            [$"{match.Groups["key"].Value} is not a valid {Describe(match.Groups["type"].Value)}."],
        _ when exception.InnerException is { } inner => SettingProblems(inner),
        _ => [],
    };

    private static string Describe(string type) => type switch
    {
        "System.Boolean" => "boolean (true or false)",
        "System.Int32" or "System.Int64" => "whole number",
        "System.Double" or "System.Decimal" => "number",
        "System.TimeSpan" => "duration (hh:mm:ss)",
        "System.Uri" => "URL",
        _ when type.StartsWith("System.", StringComparison.Ordinal) => type["System.".Length..],
        _ => $"value of {type[(type.LastIndexOf('.') + 1)..]}",
    };

    /// <summary>Our own message, without the "DataAnnotation validation failed for … with the error:" wrapping.</summary>
    private static string Plain(string failure) =>
        DataAnnotationFailure().Match(failure) is { Success: true } match ? match.Groups["message"].Value : failure;

    [GeneratedRegex("^Failed to convert configuration value '.*' at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex UnconvertibleSetting();

    [GeneratedRegex("^DataAnnotation validation failed for '.*?' members: '.*?' with the error: '(?<message>.*)'\\.$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    private static async Task<int> ReportAsync(IEnumerable<string> problems)
    {
        var application = System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name ?? "The service";
        foreach (var problem in problems.Distinct())
        {
            await Console.Error.WriteLineAsync($"{application} cannot start: {problem}");
        }
        await Console.Error.WriteLineAsync($"{application}: fix the settings above and start it again (exit code {ConfigurationErrorExitCode}).");
        return ConfigurationErrorExitCode;
    }
}
