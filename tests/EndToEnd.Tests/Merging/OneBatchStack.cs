namespace HubSpotCrm.EndToEnd.Tests.Merging;

/// <summary>
/// A stack whose Worker lets a batch fill for 3 s after its first command instead of 100 ms, so commands published
/// together are certainly one batch even on a busy machine: the merging of commands inside a batch is what is tested.
/// </summary>
public sealed class OneBatchStack : ServiceStack
{
    protected override void Configure(ServiceStackOptions options)
    {
        foreach (var queue in new[] { "Contacts", "Deals", "Tickets" })
        {
            options.Worker[$"Worker__Batching__{queue}__TimeLimit"] = "00:00:03";
        }
    }
}
