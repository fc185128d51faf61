namespace HubSpotEmulator.Hosting;

/// <summary>
/// <c>health</c>: asks the emulator running in this container for /_emulator/health and exits 0 when it answers 2xx,
/// so the image's health check needs no curl or shell. The port is the one ASP.NET Core listens on
/// (ASPNETCORE_URLS, else ASPNETCORE_HTTP_PORTS). The services have their own probe; the emulator shares no code with them.
/// </summary>
public static class HealthProbe
{
    public static bool IsRequested(string[] args) => args is ["health", ..];

    public static async Task<int> RunAsync()
    {
        var urls = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        var port = urls is { Length: > 0 }
            ? new Uri(urls.Split(';')[0].Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)).Port
            : int.Parse(Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS")?.Split([';', ','])[0] ?? "8080", System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/_emulator/health"));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine(exception.Message);
            return 1;
        }
    }
}
