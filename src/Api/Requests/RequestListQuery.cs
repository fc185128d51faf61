using System.Globalization;
using HubSpotCrm.Api.Validation;
using HubSpotCrm.Contracts.Catalogue;

namespace HubSpotCrm.Api.Requests;

/// <summary>The filters and page of GET /api/v1/requests, checked all at once so a caller learns every bad parameter.</summary>
public sealed record RequestListQuery(string? Status, string? Kind, DateTimeOffset? Since, int Limit, RequestCursor? After)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static RequestListQuery? Parse(string? status, string? kind, string? since, string? limit, string? after, ValidationErrors errors)
    {
        if (status is not null && !RequestStatuses.All.Contains(status))
        {
            errors.Add("status", $"must be one of: {string.Join(", ", RequestStatuses.All)}");
        }
        if (kind is not null && CommandCatalogue.ForRequestKind(kind) is null)
        {
            errors.Add("kind", $"must be one of: {string.Join(", ", CommandCatalogue.Commands.Where(c => c.BulkOf is null).Select(c => c.RequestKind))}");
        }
        DateTimeOffset? sinceTime = null;
        if (since is not null)
        {
            if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                sinceTime = parsed.ToUniversalTime();
            }
            else
            {
                errors.Add("since", "must be an ISO 8601 date and time, e.g. 2026-11-27T10:00:00Z");
            }
        }
        var pageSize = DefaultLimit;
        if (limit is not null && !(int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) && pageSize is >= 1 and <= MaxLimit))
        {
            errors.Add("limit", $"must be a whole number from 1 to {MaxLimit}");
        }
        RequestCursor? cursor = null;
        if (after is not null && (cursor = RequestCursor.TryDecode(after)) is null)
        {
            errors.Add("after", "must be the 'next' value of an earlier page, unchanged");
        }
        return errors.HasErrors ? null : new RequestListQuery(status, kind, sinceTime, pageSize, cursor);
    }
}
