using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Worker.Retries;

/// <summary>
/// The delayed retries of a command whose HubSpot calls kept failing after the in-process retries: one wait queue per
/// delay (a TTL queue that dead-letters back to the command queue). After the last one the command goes to _error.
/// </summary>
public sealed class CommandRetryOptions : IValidatableObject
{
    public const string SectionName = "Worker:Retries";

    [Required, MinLength(1)]
    public TimeSpan[] Delays { get; set; } = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Delays.Any(d => d < TimeSpan.FromMilliseconds(100) || d > TimeSpan.FromDays(1)))
        {
            yield return new ValidationResult("Each retry delay must be between 100 ms and one day.", [nameof(Delays)]);
        }
    }
}
