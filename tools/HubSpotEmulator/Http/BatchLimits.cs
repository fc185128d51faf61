namespace HubSpotEmulator.Http;

internal static class BatchLimits
{
    /// <summary>"Object API batch endpoints are limited to 100 inputs per request."</summary>
    public const int ObjectInputs = 100;

    /// <summary>The error for a missing or oversized <c>inputs</c> list, or null when it is acceptable.</summary>
    public static string? Check<T>(IReadOnlyList<T>? inputs, int max) => inputs switch
    {
        null => "inputs is required.",
        { Count: var n } when n > max => $"Batch size {n} exceeds the maximum of {max} inputs.",
        _ => null,
    };
}
