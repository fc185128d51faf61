using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HubSpotCrm.ServiceDefaults.Health;

/// <summary>
/// Readiness of the broker connection. MassTransit's own check calls a bus that lost its broker "Degraded", which
/// health endpoints answer with 200; but an Api that cannot put commands on a queue cannot accept submissions, and a
/// Worker that cannot reach its queues does no work, so both must say they are not ready.
/// </summary>
public sealed class BrokerHealthCheck(IBusControl bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = bus.CheckHealth();
        return Task.FromResult(health.Status == BusHealthStatus.Healthy
            ? HealthCheckResult.Healthy("Connected to RabbitMQ.")
            : HealthCheckResult.Unhealthy($"Not connected to RabbitMQ: {health.Description}", health.Exception));
    }
}
