namespace HubSpotCrm.Api.Diagnostics;

/// <summary>
/// Puts RequestId on every log line written inside the scope. A logging scope rather than Serilog's LogContext:
/// ASP.NET Core's own request scope also carries a "RequestId" (its connection trace id), and with Serilog the
/// innermost scope wins over both it and LogContext.
/// </summary>
public static class RequestIdScope
{
    public const string PropertyName = "RequestId";

    public static IDisposable? Begin(ILogger logger, Guid requestId) =>
        logger.BeginScope(new Dictionary<string, object> { [PropertyName] = requestId });
}
