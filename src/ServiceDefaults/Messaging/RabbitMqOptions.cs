using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.ServiceDefaults.Messaging;

/// <summary>Where the broker is. One AMQP URI carries host, port, credentials and virtual host.</summary>
public sealed class RabbitMqOptions
{
    public const string SectionName = "RabbitMq";

    /// <summary>e.g. amqp://guest:guest@localhost:5672/ (the path is the virtual host; empty means "/").</summary>
    [Required]
    public Uri Uri { get; set; } = new("amqp://guest:guest@localhost:5672/");

    /// <summary>How long a request path waits for the broker to confirm a message before giving up.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Longest wait for a send, a publish or an endpoint stop inside the service (not on request paths, which
    /// <see cref="PublishTimeout"/> bounds). Past it the process restarts through its supervisor.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the consumer watchdog asks the broker whether this process's queues have a consumer.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ConsumerCheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a queue's received messages may sit unfinished with none finishing before the watchdog calls its
    /// consumers stuck; longer than the slowest batch (HubSpot:Retry:TotalTimeout bounds its calls).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ConsumerStallTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public string VirtualHost => Uri.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";

    public string Username => UserInfoPart(0) ?? "guest";

    public string Password => UserInfoPart(1) ?? "guest";

    private string? UserInfoPart(int index)
    {
        var parts = Uri.UserInfo.Split(':', 2);
        return parts.Length > index && parts[index].Length > 0 ? Uri.UnescapeDataString(parts[index]) : null;
    }
}
