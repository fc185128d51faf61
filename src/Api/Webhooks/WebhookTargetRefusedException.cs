namespace HubSpotCrm.Api.Webhooks;

/// <summary>A delivery's target resolved only to addresses deliveries may not reach: retrying would not change that.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
