using HubSpotCrm.Api.Requests;
using HubSpotCrm.Api.Validation;

namespace HubSpotCrm.Api.Tests.Requests;

public sealed class RequestListQueryTests
{
    [Fact]
    public void No_parameters_means_every_request_50_per_page()
    {
        var query = Parse();

        Assert.Equal(new RequestListQuery(null, null, null, 50, null), query);
    }

    [Fact]
    public void Every_filter_is_read()
    {
        var cursor = new RequestCursor(DateTimeOffset.UnixEpoch.AddYears(56), Guid.NewGuid());

        var query = Parse(status: "failed", kind: "tickets", since: "2026-11-27T12:00:00+02:00", limit: "500", after: cursor.Encode());

        Assert.Equal(new RequestListQuery("failed", "tickets", new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), 500, cursor), query);
    }

    [Fact]
    public void A_time_without_offset_is_UTC()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), Parse(since: "2026-11-27T10:00:00")!.Since);
    }

    [Theory]
    [InlineData("status", "Accepted")]
    [InlineData("status", "done")]
    [InlineData("kind", "contacts")]
    [InlineData("since", "yesterday")]
    [InlineData("since", "2026-13-01")]
    [InlineData("limit", "0")]
    [InlineData("limit", "501")]
    [InlineData("limit", "-1")]
    [InlineData("limit", "ten")]
    [InlineData("limit", "")]
    [InlineData("after", "bogus")]
    public void A_bad_value_is_refused_naming_its_parameter(string parameter, string value)
    {
        var errors = new ValidationErrors();

        var query = RequestListQuery.Parse(
            parameter == "status" ? value : null,
            parameter == "kind" ? value : null,
            parameter == "since" ? value : null,
            parameter == "limit" ? value : null,
            parameter == "after" ? value : null,
            errors);

        Assert.Null(query);
        Assert.Equal([parameter], errors.ToDictionary().Keys);
    }

    [Fact]
    public void Every_bad_parameter_is_named_at_once()
    {
        var errors = new ValidationErrors();

        RequestListQuery.Parse("x", "y", "z", "0", "w", errors);

        Assert.Equal(["after", "kind", "limit", "since", "status"], errors.ToDictionary().Keys.Order());
    }

    private static RequestListQuery? Parse(string? status = null, string? kind = null, string? since = null, string? limit = null, string? after = null)
    {
        var errors = new ValidationErrors();
        var query = RequestListQuery.Parse(status, kind, since, limit, after, errors);
        Assert.False(errors.HasErrors, string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        return query;
    }
}
