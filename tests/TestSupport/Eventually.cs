using System.Diagnostics;

namespace HubSpotCrm.TestSupport;

/// <summary>Waits for an effect by polling, with a deadline; never a bare sleep.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null,
        TimeSpan? interval = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? DefaultTimeout;
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }
            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting for {what}. Last value: {Describe(last)}");
            }
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(200));
        }
    }

    public static Task TrueAsync(Func<Task<bool>> probe, string what, TimeSpan? timeout = null, TimeSpan? interval = null) =>
        GetAsync(probe, ok => ok, what, timeout, interval);

    /// <summary>Checks, by polling for <paramref name="duration"/>, that something stays true: for what must NOT happen meanwhile.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> probe, string what, TimeSpan duration, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        do
        {
            if (!await probe())
            {
                throw new InvalidOperationException($"Expected {what} to hold for {duration.TotalSeconds:0} s; it stopped after {clock.Elapsed.TotalSeconds:0.0} s.");
            }
            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(250));
        }
        while (clock.Elapsed < duration);
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        System.Text.Json.JsonElement json => json.GetRawText(),
        _ => value.ToString() ?? "",
    };
}
