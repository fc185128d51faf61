using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HubSpotCrm.Api.Health;

/// <summary>
/// Readiness of the broker connection. MassTransit's own check calls a bus that lost its broker "Degraded", which
/// health endpoints answer with 200; but an Api that cannot put commands on a queue cannot accept submissions, so a
/// load balancer should send callers elsewhere.
/// </summary>
public sealed class BrokerHealthCheck(IBusControl bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var health = bus.CheckHealth();
        return Task.FromResult(health.Status == BusHealthStatus.Healthy
            ? HealthCheckResult.Healthy("Connected")
            : HealthCheckResult.Unhealthy($"Commands cannot be published: {health.Description}", health.Exception));
    }
}
