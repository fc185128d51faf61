using HubSpotCrm.Worker.HubSpot.Target;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HubSpotCrm.Worker.Availability;

/// <summary>Readiness says which HubSpot the Worker writes to and why it is not consuming: starting up, or which queues are paused, why and since when.</summary>
public sealed class HubSpotAvailabilityHealthCheck(
    HubSpotAvailability availability,
    CommandConsumption consumption,
    HubSpotTarget target,
    TimeProvider clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (availability.AccountPause is { } account)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy(
                $"Paused every queue for {(now - account.Since).TotalSeconds:0} s ({account.Reason}): {account.Message} " +
                $"Probing {account.Probe} every {availability.ProbeInterval(account).TotalSeconds:0} s. Writing to {target.Description}."));
        }
        if (availability.Pauses is { Count: > 0 } pauses)
        {
            var each = pauses.Select(p =>
                $"{p.Queue} paused for {(now - p.Pause.Since).TotalSeconds:0} s ({p.Pause.Reason}): {p.Pause.Message} " +
                $"Probing {p.Pause.Probe} every {availability.ProbeInterval(p.Pause).TotalSeconds:0} s.");
            return Task.FromResult(HealthCheckResult.Unhealthy($"{string.Join(" ", each)} Writing to {target.Description}."));
        }
        return Task.FromResult(consumption.IsConsuming
            ? HealthCheckResult.Healthy($"Consuming commands. Writing to {target.Description}.")
            : HealthCheckResult.Unhealthy($"Not consuming yet: {consumption.StartupState}. Writing to {target.Description}."));
    }
}
