using HubSpotEmulator.Errors;

namespace HubSpotEmulator.Objects;

/// <summary>Per-input outcomes, or the one error that failed the whole request (nothing was written then).</summary>
internal sealed record WriteResult(IReadOnlyList<WriteOutcome> Outcomes, InputError? Failure)
{
    public static WriteResult Failed(InputError failure) => new([], failure);
}
