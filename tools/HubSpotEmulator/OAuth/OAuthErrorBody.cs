namespace HubSpotEmulator.OAuth;

/// <summary>The token endpoint's legacy error shape, e.g. <c>{"status":"BAD_REFRESH_TOKEN","message":"missing or invalid refresh token"}</c>.</summary>
internal sealed record OAuthErrorBody(string Status, string Message, string CorrelationId);
