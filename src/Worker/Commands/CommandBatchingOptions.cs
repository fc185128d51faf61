using System.ComponentModel.DataAnnotations;

namespace HubSpotCrm.Worker.Commands;

/// <summary>How commands are gathered into HubSpot batch calls, per command queue.</summary>
public sealed class CommandBatchingOptions
{
    public const string SectionName = "Worker:Batching";

    public BatchSettings Contacts { get; set; } = new();

    public BatchSettings Deals { get; set; } = new();

    public BatchSettings Tickets { get; set; } = new();

    public BatchSettings Companies { get; set; } = new();

    /// <summary>UpsertContacts messages: each holds up to 100 contacts, so one message is one HubSpot call.</summary>
    public BatchSettings BulkContacts { get; set; } = new() { MessageLimit = 1 };
}

public sealed class BatchSettings
{
    /// <summary>Most commands in one batch (HubSpot takes 100 inputs per call).</summary>
    [Range(1, 100)]
    public int MessageLimit { get; set; } = 100;

    /// <summary>How long a batch waits to fill after its first command.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:30")]
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Batches in flight at once; more than one lets a batch fill while another waits for the rate budget. Two keep
    /// contacts, companies, deals and tickets at HubSpot's budget as four did, and every command prefetched or in
    /// flight stays alive through several collections: four held 15 MB more of the Worker's peak memory.
    /// </summary>
    [Range(1, 32)]
    public int ConcurrencyLimit { get; set; } = 2;
}
