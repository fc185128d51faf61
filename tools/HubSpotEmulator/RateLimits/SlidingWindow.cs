namespace HubSpotEmulator.RateLimits;

/// <summary>A rolling-window counter that remembers each admitted call; callers serialize access.</summary>
internal sealed class SlidingWindow
{
    private readonly Queue<long> admitted = new();

    /// <summary>Admits a call if fewer than <paramref name="limit"/> were admitted in the last <paramref name="windowMs"/>; a refused call is not counted.</summary>
    public bool TryAdmit(long nowMs, long windowMs, int limit, out int remaining)
    {
        Expire(nowMs, windowMs);
        if (admitted.Count >= limit)
        {
            remaining = 0;
            return false;
        }

        admitted.Enqueue(nowMs);
        remaining = limit - admitted.Count;
        return true;
    }

    public int Remaining(long nowMs, long windowMs, int limit)
    {
        Expire(nowMs, windowMs);
        return Math.Max(0, limit - admitted.Count);
    }

    /// <summary>Milliseconds until the oldest admitted call leaves the window.</summary>
    public long MsUntilSlot(long nowMs, long windowMs) => admitted.Count == 0 ? 0 : Math.Max(0, admitted.Peek() + windowMs - nowMs);

    public void Clear() => admitted.Clear();

    private void Expire(long nowMs, long windowMs)
    {
        while (admitted.Count > 0 && admitted.Peek() <= nowMs - windowMs)
        {
            admitted.Dequeue();
        }
    }
}
