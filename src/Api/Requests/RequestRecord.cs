namespace HubSpotCrm.Api.Requests;

/// <summary>One submitted command and what became of it.</summary>
public sealed class RequestRecord
{
    public Guid Id { get; set; }

    /// <summary>contact, deals, tickets or companies.</summary>
    public required string Kind { get; set; }

    /// <summary>accepted, succeeded or failed. Once succeeded or failed it never changes.</summary>
    public required string Status { get; set; }

    /// <summary>api when submitted over HTTP; bus when first seen as a result of a command published to the bus.</summary>
    public required string Source { get; set; }

    /// <summary>
    /// The API client the request belongs to: the one that submitted it, or the one a bus command named in its
    /// HubSpotCrm-Client header. Null for a bus command that named none: only operators see it.
    /// </summary>
    public string? Client { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The result event's payload (HubSpot ids, created or updated), as JSON.</summary>
    public string? Result { get; set; }

    /// <summary>The failure (code, message, HubSpot's status, category and correlation id), as JSON.</summary>
    public string? Error { get; set; }

    /// <summary>The bulk submission the request is an item of, if any.</summary>
    public Guid? BatchId { get; set; }

    /// <summary>Its item's position in that submission (0-based).</summary>
    public int? BatchIndex { get; set; }

    /// <summary>Where its completion callback goes, chosen when it was submitted; null when it gets none.</summary>
    public string? WebhookUrl { get; set; }
}
