using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace HubSpotCrm.ServiceDefaults.Logging;

public static class SerilogExtensions
{
    /// <summary>
    /// Serilog for the whole process: JSON lines in production (for log shippers), readable text in development.
    /// Properties pushed with LogContext (RequestId, MessageId, ConversationId) land on every line.
    /// </summary>
    public static IHostApplicationBuilder AddSerilogLogging(this IHostApplicationBuilder builder)
    {
        var json = builder.Configuration["Logging:Format"] is { } format
            ? format.Equals("json", StringComparison.OrdinalIgnoreCase)
            : !builder.Environment.IsDevelopment();

        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                .MinimumLevel.Override("Polly", LogEventLevel.Warning)
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .Enrich.WithProperty("Application", builder.Environment.ApplicationName);
            // Formatting and writing happen off the request and message threads; a full buffer makes callers wait
            // rather than drop lines.
            logger.WriteTo.Async(sink =>
            {
                if (json)
                {
                    sink.Console(new RenderedCompactJsonFormatter());
                }
                else
                {
                    sink.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}");
                }
            }, blockWhenFull: true);
        });
        return builder;
    }
}
