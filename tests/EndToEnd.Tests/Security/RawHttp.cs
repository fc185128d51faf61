using System.Net.Sockets;
using System.Text;

namespace HubSpotCrm.EndToEnd.Tests.Security;

/// <summary>
/// One HTTP/1.0 request written byte for byte: for header lines HttpClient will not send as given (the same header
/// twice, empty or blank values). HTTP/1.0 makes the server close the connection after an unchunked answer.
/// </summary>
public static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri baseUrl, string method, string path, IEnumerable<string> headerLines, string? jsonBody = null)
    {
        var request = new StringBuilder($"{method} {path} HTTP/1.0\r\nHost: {baseUrl.Authority}\r\n");
        foreach (var line in headerLines)
        {
            request.Append(line).Append("\r\n");
        }
        var body = jsonBody is null ? [] : Encoding.UTF8.GetBytes(jsonBody);
        if (jsonBody is not null)
        {
            request.Append("Content-Type: application/json\r\n").Append($"Content-Length: {body.Length}\r\n");
        }
        request.Append("\r\n");

        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await tcp.ConnectAsync(baseUrl.Host, baseUrl.Port, timeout.Token);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()), timeout.Token);
        await stream.WriteAsync(body, timeout.Token);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token);
        return RawResponse.Parse(Encoding.UTF8.GetString(received.ToArray()));
    }
}

public sealed record RawResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, string Body)
{
    public static RawResponse Parse(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = text[..end].Split("\r\n");
        var headers = head.Skip(1)
            .Select(l => l.Split(':', 2))
            .Select(p => new KeyValuePair<string, string>(p[0].Trim(), p[1].Trim()))
            .ToList();
        return new RawResponse(int.Parse(head[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, text[(end + 4)..]);
    }

    public string? Header(string name) =>
        Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();
}
