using HubSpotCrm.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HubSpotCrm.ServiceDefaults.Health;

/// <summary>
/// Readiness of the broker connection. MassTransit's own check calls a bus that lost its broker "Degraded", which
/// health endpoints answer with 200; but an Api that cannot put commands on a queue cannot accept submissions, and a
/// Worker that cannot reach its queues does no work, so both must say they are not ready. When the broker's
/// certificate was refused, readiness says why: MassTransit's description names only the broker.
/// </summary>
public sealed class BrokerHealthCheck(IBusControl bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = bus.CheckHealth();
        if (health.Status == BusHealthStatus.Healthy)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Connected to RabbitMQ."));
        }
        var refused = Causes(health.Exception).OfType<BrokerCertificateRejectedException>().FirstOrDefault();
        return Task.FromResult(HealthCheckResult.Unhealthy(
            refused is null ? $"Not connected to RabbitMQ: {health.Description}" : $"Not connected to RabbitMQ: {health.Description}. {refused.Message}",
            health.Exception));
    }

    private static IEnumerable<Exception> Causes(Exception? exception) => exception switch
    {
        null => [],
        AggregateException all => [all, .. all.InnerExceptions.SelectMany(Causes)],
        _ => [exception, .. Causes(exception.InnerException)],
    };
}
