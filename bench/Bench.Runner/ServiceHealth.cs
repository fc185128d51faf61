namespace HubSpotCrm.Bench;

/// <summary>
/// Asks the Api and the Worker whether they are ready (database, broker) around every phase. On a shared machine other
/// people's outage tests stop RabbitMQ or PostgreSQL; a phase that ran during one is named in the report's notes.
/// </summary>
internal sealed class ServiceHealth(IReadOnlyDictionary<string, Uri> readyUrls) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public List<string> Problems { get; } = [];

    public async Task CheckAsync(string when)
    {
        foreach (var (name, url) in readyUrls)
        {
            try
            {
                using var response = await _http.GetAsync(url);
                if (!response.IsSuccessStatusCode)
                {
                    var body = await response.Content.ReadAsStringAsync();
                    Report($"{name} not ready {when} ({(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]})");
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                Report($"{name} did not answer its readiness check {when} ({exception.Message})");
            }
        }
    }

    private void Report(string problem)
    {
        Console.WriteLine($"[health] {problem}");
        Problems.Add($"{DateTime.UtcNow:HH:mm:ss} UTC: {problem}. Figures of that phase are not representative.");
    }

    public void Dispose() => _http.Dispose();
}
