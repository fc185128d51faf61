namespace HubSpotCrm.Api.Requests;

public static class RequestStatuses
{
    public const string Accepted = "accepted";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
