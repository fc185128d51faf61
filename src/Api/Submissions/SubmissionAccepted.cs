namespace HubSpotCrm.Api.Submissions;

/// <summary>The 202 body: where to follow the request.</summary>
public sealed record SubmissionAccepted(Guid RequestId, string Status, string StatusUrl);
