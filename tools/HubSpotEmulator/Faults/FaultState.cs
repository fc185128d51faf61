using HubSpotEmulator.RateLimits;

namespace HubSpotEmulator.Faults;

/// <summary>Forced 429 bursts: the next N CRM calls are refused with the chosen policy.</summary>
internal sealed class FaultState
{
    private readonly Lock gate = new();
    private int burstRemaining;
    private RateLimitPolicy burstPolicy;

    public void StartBurst(int count, RateLimitPolicy policy)
    {
        lock (gate)
        {
            burstPolicy = policy;
            burstRemaining = count;
        }
    }

    public bool TryTakeBurst(out RateLimitPolicy policy)
    {
        policy = default;

        // Checked without the lock first: no burst is the common case on the hot path.
        if (Volatile.Read(ref burstRemaining) == 0)
        {
            return false;
        }

        lock (gate)
        {
            if (burstRemaining == 0)
            {
                return false;
            }

            burstRemaining--;
            policy = burstPolicy;
            return true;
        }
    }

    public void Reset() => StartBurst(0, RateLimitPolicy.TenSecondlyRolling);
}
