namespace HubSpotCrm.Api.Authentication;

public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>The client name every caller gets while keys are disabled.</summary>
    public const string AnonymousClient = "anonymous";
}
