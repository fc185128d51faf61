using HubSpotEmulator.Associations;
using HubSpotEmulator.Configuration;
using HubSpotEmulator.Faults;
using HubSpotEmulator.OAuth;
using HubSpotEmulator.Objects;
using HubSpotEmulator.Properties;
using HubSpotEmulator.RateLimits;

namespace HubSpotEmulator.Control;

/// <summary>Back to a fresh start: data, counters, faults, revocations, rate-limit windows and runtime settings.</summary>
internal sealed class EmulatorReset(
    ObjectStore objects,
    AssociationStore associations,
    PropertyRegistry properties,
    EmulatorStats stats,
    FaultState faults,
    TokenStore tokens,
    RateLimiter limiter,
    RuntimeSettingsStore settings)
{
    public void Run()
    {
        settings.Reset();
        faults.Reset();
        objects.Clear();
        associations.Clear();
        properties.Reset();
        tokens.Reset();
        limiter.Reset();
        stats.Reset();
    }
}
