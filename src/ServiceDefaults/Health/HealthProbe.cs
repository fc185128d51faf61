namespace HubSpotCrm.ServiceDefaults.Health;

/// <summary>
/// <c>health [path]</c>: asks the running service on this machine for one of its health endpoints and exits 0 when it
/// answers 2xx, 1 otherwise. Container health checks run it, so the images need no curl or shell; it finds the port
/// the way ASP.NET Core does (ASPNETCORE_URLS, else ASPNETCORE_HTTP_PORTS).
/// </summary>
public static class HealthProbe
{
    public const string Verb = "health";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static bool IsRequested(string[] args) => args is [Verb, ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var path = args.Length > 1 ? args[1] : "/health/ready";
        var target = new Uri(LocalBaseUrl(), path);
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(target);
            Console.WriteLine($"{target}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{target}: {exception.Message}");
            return 1;
        }
    }

    private static Uri LocalBaseUrl()
    {
        var urls = Setting("URLS");
        if (urls is not null)
        {
            var first = new UriBuilder(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0]
                .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
            if (first.Host is "0.0.0.0" or "[::]" or "::")
            {
                first.Host = "127.0.0.1";
            }
            return first.Uri;
        }
        var port = Setting("HTTP_PORTS")?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0] ?? "8080";
        return new Uri($"http://127.0.0.1:{port}");
    }

    private static string? Setting(string name) =>
        Environment.GetEnvironmentVariable($"ASPNETCORE_{name}") is { Length: > 0 } aspnet ? aspnet
        : Environment.GetEnvironmentVariable(name) is { Length: > 0 } plain ? plain
        : null;
}
