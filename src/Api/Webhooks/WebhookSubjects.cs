namespace HubSpotCrm.Api.Webhooks;

/// <summary>What a callback reports on: a single request, or a bulk submission as a whole (its items get none of their own).</summary>
public static class WebhookSubjects
{
    public const string Request = "request";
    public const string Batch = "batch";
}
