namespace HubSpotCrm.Api.Batches;

/// <summary>Where a bulk body's reader hands each item, whatever the items' command.</summary>
public interface IBatchIntake
{
    void Add(BatchInput input);

    /// <summary>An item that could not be read at all (an NDJSON line that is not JSON).</summary>
    void AddUnreadable(BatchInput input, string problem);
}
