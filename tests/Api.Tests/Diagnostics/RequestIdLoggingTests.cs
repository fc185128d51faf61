using System.Collections.Concurrent;
using HubSpotCrm.Api.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace HubSpotCrm.Api.Tests.Diagnostics;

/// <summary>Every log line of a call about a request carries its id, and so does the call's request-log event.</summary>
public sealed class RequestIdLoggingTests : IAsyncLifetime
{
    private readonly CollectingSink _sink = new();
    private WebApplication _app = null!;

    [Fact]
    public async Task A_call_with_a_request_id_in_its_route_logs_that_id_on_every_line()
    {
        var id = Guid.NewGuid();

        using var response = await _app.GetTestClient().GetAsync($"/requests/{id}");

        Assert.Equal(id.ToString(), await response.Content.ReadAsStringAsync());
        Assert.Equal(id, RequestIdOf(_sink.Single("Inside the endpoint")));
        Assert.Equal(id, RequestIdOf(await _sink.RequestLogAsync("GET")));
    }

    [Fact]
    public async Task A_call_that_creates_a_request_gets_a_new_time_ordered_id_logged_from_the_first_line()
    {
        using var response = await _app.GetTestClient().PostAsync("/submit", null);

        var id = Guid.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(7, id.Version);
        Assert.Equal(id, RequestIdOf(_sink.Single("Inside the endpoint")));
        Assert.Equal(id, RequestIdOf(await _sink.RequestLogAsync("POST")));
    }

    [Fact]
    public async Task Other_calls_carry_no_request_id_of_ours()
    {
        using var response = await _app.GetTestClient().GetAsync("/requests/not-a-guid");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(RequestIdOf(_sink.Single("Inside the endpoint")));
        Assert.Null(RequestIdOf(await _sink.RequestLogAsync("GET")));
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSerilog((_, logger) => logger.Enrich.FromLogContext().WriteTo.Sink(_sink));
        _app = builder.Build();
        _app.UseApiRequestLogging();
        _app.UseRouting();
        _app.UseRequestIdLogging();
        _app.MapGet("/requests/{id}", (HttpContext context, ILogger<RequestIdLoggingTests> logger) =>
        {
            logger.LogInformation("Inside the endpoint");
            return context.Features.Get<RequestIdFeature>()?.RequestId.ToString() ?? "";
        });
        _app.MapPost("/submit", (HttpContext context, ILogger<RequestIdLoggingTests> logger) =>
        {
            logger.LogInformation("Inside the endpoint");
            return context.Features.GetRequiredFeature<RequestIdFeature>().RequestId.ToString();
        }).WithMetadata(new CreatesRequestMetadata());
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Our request id; ASP.NET Core's own "RequestId" (a connection trace id, a string) does not count.</summary>
    private static Guid? RequestIdOf(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("RequestId", out var value) && value is ScalarValue { Value: Guid id } ? id : null;

    private sealed class CollectingSink : ILogEventSink
    {
        private readonly ConcurrentQueue<LogEvent> _events = new();

        public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

        public LogEvent Single(string messageStart) =>
            Assert.Single(_events, e => e.RenderMessage().StartsWith(messageStart, StringComparison.Ordinal));

        /// <summary>The request-log event is written once the response is complete, which may be after the client has it.</summary>
        public async Task<LogEvent> RequestLogAsync(string method)
        {
            bool IsRequestLog(LogEvent e) =>
                e.Properties.TryGetValue("RequestMethod", out var value) && value is ScalarValue { Value: string m } && m == method;

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            while (!_events.Any(IsRequestLog) && !timeout.IsCancellationRequested)
            {
                await Task.Delay(10);
            }
            return Assert.Single(_events, IsRequestLog);
        }
    }
}
