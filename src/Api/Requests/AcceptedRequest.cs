namespace HubSpotCrm.Api.Requests;

/// <summary>A submission's row as it is first written: accepted, its client's, with its callback target if it has one.</summary>
public sealed record AcceptedRequest(Guid Id, string Kind, string Client, string? WebhookUrl);
