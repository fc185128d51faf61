namespace HubSpotEmulator.OAuth;

/// <summary>
/// The token endpoint's error: the legacy <c>status</c> (e.g. BAD_REFRESH_TOKEN) and <c>message</c> HubSpot has always
/// sent, plus what the OAuth v1 spec's Error requires, <c>category</c> and <c>correlationId</c>.
/// </summary>
internal sealed record OAuthErrorBody(string Status, string Message, string CorrelationId, string Category);
