using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Api.Submissions;

/// <summary>How concurrent submissions without an Idempotency-Key are admitted together (<see cref="GroupAdmission"/>).</summary>
public sealed class GroupAdmissionOptions
{
    public const string SectionName = "Submissions:GroupAdmission";

    /// <summary>Most submissions one transaction takes.</summary>
    [Range(1, 1000)]
    public int MaxGroupSize { get; set; } = 100;

    /// <summary>
    /// Transactions in flight at once: while one waits for its confirms and its commit, the next group fills and starts.
    /// Each holds a database connection for that long.
    /// </summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;
}
