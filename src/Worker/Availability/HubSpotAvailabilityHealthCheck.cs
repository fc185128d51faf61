using HubSpotCrm.Worker.HubSpot.Target;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HubSpotCrm.Worker.Availability;

/// <summary>Readiness says which HubSpot the Worker writes to and why it is not consuming: starting up, or paused and since when.</summary>
public sealed class HubSpotAvailabilityHealthCheck(
    HubSpotAvailability availability,
    CommandConsumption consumption,
    HubSpotTarget target,
    TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (availability.Pause is { } pause)
        {
            var since = (clock.GetUtcNow() - pause.Since).TotalSeconds;
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"Paused for {since:0} s ({pause.Reason}): {pause.Message} Probing HubSpot every {availability.ProbeInterval.TotalSeconds:0} s. " +
                $"Writing to {target.Description}."));
        }
        return Task.FromResult(consumption.IsConsuming
            ? HealthCheckResult.Healthy($"Consuming commands. Writing to {target.Description}.")
            : HealthCheckResult.Unhealthy($"Not consuming yet: {consumption.StartupState}. Writing to {target.Description}."));
    }
}
