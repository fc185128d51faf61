namespace HubSpotEmulator.OAuth;

/// <summary>Who makes a CRM call: rate-limit windows are per app (the OAuth client, or each private-app token).</summary>
internal sealed record AppIdentity(string Key, bool IsPrivateApp);
