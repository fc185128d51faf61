using System.Text.RegularExpressions;
using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.HubSpot.Errors;

/// <summary>HubSpot answered with an error that retrying the same call will not fix.</summary>
public partial class HubSpotApiException(int status, HubSpotErrorBody body)
    : Exception(body.Message ?? $"HubSpot answered {status}.")
{
    public int Status { get; } = status;

    public HubSpotErrorBody Body { get; } = body;

    public string? Category => Body.Category;

    public string? CorrelationId => Body.CorrelationId;

    /// <summary>HubSpot names an existing object in conflict messages: "… Existing ID: 123".</summary>
    public static string? ExistingId(string? message) =>
        message is not null && ExistingIdPattern().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex(@"Existing ID:\s*(\d+)")]
    private static partial Regex ExistingIdPattern();
}
