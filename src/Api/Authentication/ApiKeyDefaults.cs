namespace HubSpotCrm.Api.Authentication;

public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>The role of the clients ApiKeys:Operators names.</summary>
    public const string OperatorRole = "operator";

    /// <summary>The client name every caller gets while keys are disabled.</summary>
    public const string AnonymousClient = "anonymous";
}
