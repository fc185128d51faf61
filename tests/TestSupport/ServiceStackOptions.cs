namespace HubSpotCrm.TestSupport;

/// <summary>Settings for the three processes of a <see cref="ServiceStack"/>, as configuration keys (Section__Key).</summary>
public sealed class ServiceStackOptions
{
    public const string ClientId = "demo-client-id";
    public const string ClientSecret = "demo-client-secret";
    public const string RefreshToken = "demo-refresh-token";
    public const string PrivateAppToken = "pat-na1-demo";

    /// <summary>The API client the tests' <see cref="ApiClient"/> is by default, and its key.</summary>
    public const string ApiClientName = "e2e";
    public const string ApiKey = "e2e-api-key-0123456789abcdef";

    /// <summary>A second API client, for what is scoped per client (idempotency keys).</summary>
    public const string OtherApiClientName = "e2e-other";
    public const string OtherApiKey = "e2e-other-api-key-0123456789abcdef";

    /// <summary>A third client, for what one client must not see of another's (both <see cref="OtherApiClientName"/> and this one are not operators).</summary>
    public const string ThirdApiClientName = "e2e-third";
    public const string ThirdApiKey = "e2e-third-api-key-0123456789abcdef";

    /// <summary>The emulator starts with its HubSpot-like defaults (110 calls / 10 s, search 5/s, 2 s indexing lag).</summary>
    public Dictionary<string, string> Emulator { get; } = new()
    {
        ["Emulator__OAuth__ClientId"] = ClientId,
        ["Emulator__OAuth__ClientSecret"] = ClientSecret,
        ["Emulator__OAuth__RefreshToken"] = RefreshToken,
        ["Emulator__PrivateAppTokens__0"] = PrivateAppToken,
    };

    /// <summary>
    /// Development: the Worker talks to the emulator with the credentials a test chooses, which outside Development only
    /// demo mode (with the emulator's own demo app) may do.
    /// </summary>
    public Dictionary<string, string> Worker { get; } = new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["HubSpot__AuthMode"] = "OAuth",
        ["HubSpot__ClientId"] = ClientId,
        ["HubSpot__ClientSecret"] = ClientSecret,
        ["HubSpot__RefreshToken"] = RefreshToken,
        ["Logging__Format"] = "text",
    };

    public Dictionary<string, string> Api { get; } = new()
    {
        ["Logging__Format"] = "text",
        [$"ApiKeys__Keys__{ApiClientName}"] = ApiKey,
        [$"ApiKeys__Keys__{OtherApiClientName}"] = OtherApiKey,
        [$"ApiKeys__Keys__{ThirdApiClientName}"] = ThirdApiKey,
        // The tests' own client reads every request, bus commands included, as an operator does.
        ["ApiKeys__Operators__0"] = ApiClientName,
        // The load and fault tests submit as fast as they can; rate limits have their own tests and Api (RateLimitTests).
        [$"RateLimits__Clients__{ApiClientName}__PermitsPerSecond"] = "100000",
        [$"RateLimits__Clients__{ApiClientName}__Burst"] = "100000",
    };
}
