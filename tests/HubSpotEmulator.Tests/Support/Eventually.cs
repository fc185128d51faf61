using System.Diagnostics;

namespace HubSpotEmulator.Tests.Support;

public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails after <paramref name="timeout"/>.</summary>
    public static async Task<TimeSpan> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < timeout, $"Timed out after {timeout} waiting for {what}.");
            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }

        return watch.Elapsed;
    }
}
