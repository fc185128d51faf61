namespace HubSpotCrm.Api.Requests;

public static class RequestStatuses
{
    public const string Accepted = "accepted";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public static readonly string[] All = [Accepted, Succeeded, Failed];

    public static bool IsFinal(string status) => status is Succeeded or Failed;
}
