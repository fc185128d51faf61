using HubSpotEmulator.Configuration;

namespace HubSpotEmulator.Faults;

/// <summary>
/// The "down" modes and added latency, applied before authentication like a network or gateway problem:
/// <c>refuse</c> aborts the connection without a response, <c>hang</c> holds the request until the mode
/// changes or the client gives up. A response delay holds the answer of a write that was already carried out, to
/// show what a client does when it dies between HubSpot's write and its own acknowledgement.
/// </summary>
internal sealed class OutageMiddleware(RequestDelegate next, RuntimeSettingsStore settings)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!FaultScope.Applies(context, settings.Current.Faults))
        {
            await next(context);
            return;
        }

        while (true)
        {
            // Take the change signal before reading the mode, so a switch in between is not missed.
            var change = settings.NextChange;
            var faults = settings.Current.Faults;
            if (faults.Down == DownMode.Refuse)
            {
                context.Abort();
                return;
            }

            if (faults.Down == DownMode.Off)
            {
                break;
            }

            try
            {
                await change.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var current = settings.Current.Faults;
        var delayMs = current.LatencyMs + (current.JitterMs > 0 ? Random.Shared.Next(current.JitterMs + 1) : 0);
        if (delayMs > 0)
        {
            try
            {
                // Real time on purpose: latency is about the wall clock a client waits, whatever clock the emulator uses.
                await Task.Delay(delayMs, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (current.ResponseDelayMs <= 0 || !IsWrite(context.Request))
        {
            await next(context);
            return;
        }
        await DelayResponseAsync(context, current.ResponseDelayMs);
    }

    /// <summary>Calls that change something; reads (GET, batch/read, search) are answered at once.</summary>
    private static bool IsWrite(HttpRequest request) =>
        !HttpMethods.IsGet(request.Method) &&
        !request.Path.Value!.EndsWith("/batch/read", StringComparison.Ordinal) &&
        !request.Path.Value.EndsWith("/search", StringComparison.Ordinal);

    private async Task DelayResponseAsync(HttpContext context, int delayMs)
    {
        var body = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
            await Task.Delay(delayMs, context.RequestAborted);
            buffer.Position = 0;
            await buffer.CopyToAsync(body, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up while the answer was held back; the call's effect stays.
        }
        finally
        {
            context.Response.Body = body;
        }
    }
}
