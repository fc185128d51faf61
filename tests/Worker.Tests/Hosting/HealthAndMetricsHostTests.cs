using HubSpotCrm.ServiceDefaults.Hosting;

namespace HubSpotCrm.Worker.Tests.Hosting;

/// <summary>
/// The Worker's lean host reads its settings as the default builder would: the environment, content root and addresses
/// from the host settings, the environment's settings file over the base one, and the command line over both.
/// </summary>
public sealed class HealthAndMetricsHostTests : IDisposable
{
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("worker-host-").FullName;

    [Fact]
    public void The_environment_s_settings_file_wins_over_the_base_one_and_the_command_line_over_both()
    {
        File.WriteAllText(Path.Combine(_contentRoot, "appsettings.json"), """{ "Sample": { "A": "base", "B": "base", "C": "base" } }""");
        File.WriteAllText(Path.Combine(_contentRoot, "appsettings.Staging.json"), """{ "Sample": { "B": "staging", "C": "staging" } }""");

        var builder = HealthAndMetricsHost.CreateBuilder(
            ["--environment", "Staging", "--contentRoot", _contentRoot, "--urls", "http://127.0.0.1:18181", "--Sample:C=command-line"]);

        Assert.Equal("Staging", builder.Environment.EnvironmentName);
        Assert.Equal(_contentRoot, builder.Environment.ContentRootPath.TrimEnd(Path.DirectorySeparatorChar));
        Assert.Equal("http://127.0.0.1:18181", builder.Configuration["urls"]);
        Assert.Equal("base", builder.Configuration["Sample:A"]);
        Assert.Equal("staging", builder.Configuration["Sample:B"]);
        Assert.Equal("command-line", builder.Configuration["Sample:C"]);
    }

    [Fact]
    public void In_production_the_development_settings_stay_unread()
    {
        File.WriteAllText(Path.Combine(_contentRoot, "appsettings.json"), """{ "Sample": { "A": "base" } }""");
        File.WriteAllText(Path.Combine(_contentRoot, "appsettings.Development.json"), """{ "Sample": { "A": "development" } }""");

        var builder = HealthAndMetricsHost.CreateBuilder(["--environment", "Production", "--contentRoot", _contentRoot]);

        Assert.Equal("Production", builder.Environment.EnvironmentName);
        Assert.Equal("base", builder.Configuration["Sample:A"]);
    }

    public void Dispose() => Directory.Delete(_contentRoot, recursive: true);
}
