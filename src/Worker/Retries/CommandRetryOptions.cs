using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Worker.Retries;

/// <summary>
/// The delayed retries of a command whose HubSpot calls kept failing after the in-process retries: one wait queue per
/// delay (a TTL queue that dead-letters back to the command queue). After the last one the command goes to _error.
/// </summary>
public sealed class CommandRetryOptions : IValidatableObject
{
    public const string SectionName = "Worker:Retries";

    public static readonly TimeSpan[] DefaultDelays = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    /// <summary>
    /// The delays, in order; <see cref="DefaultDelays"/> when none are configured. (No initial value here: the
    /// configuration binder would append the configured delays to it instead of replacing it.)
    /// </summary>
    public TimeSpan[] Delays { get; set; } = [];

    public IReadOnlyList<TimeSpan> EffectiveDelays => Delays.Length > 0 ? Delays : DefaultDelays;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EffectiveDelays.Any(d => d < TimeSpan.FromMilliseconds(100) || d > TimeSpan.FromDays(1)))
        {
            yield return new ValidationResult("Each retry delay must be between 100 ms and one day.", [nameof(Delays)]);
        }
    }
}
