namespace HubSpotCrm.Worker.HubSpot.Models;

/// <summary>
/// Every error shape HubSpot answers with: the CRM error (category, correlationId, errors[]), the rate-limit error
/// (policyName, errorType) and the OAuth error (status BAD_REFRESH_TOKEN). subCategory, links and the other fields the
/// specs allow are not read, so whatever their type the body's category and correlation id survive.
/// </summary>
public sealed record HubSpotErrorBody(
    string? Status = null,
    string? Message = null,
    string? CorrelationId = null,
    string? Category = null,
    string? PolicyName = null,
    string? ErrorType = null,
    List<HubSpotErrorDetail>? Errors = null,
    Dictionary<string, List<string>>? Context = null);

public sealed record HubSpotErrorDetail(string? Message, string? Code = null, Dictionary<string, List<string>>? Context = null);
