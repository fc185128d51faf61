using System.Globalization;
using System.Text.RegularExpressions;

namespace HubSpotCrm.EndToEnd.Tests.Api;

/// <summary>The Api's own series on /metrics, as Prometheus scrapes them.</summary>
[Collection(StackCollection.Name)]
public sealed partial class MetricsTests(ServiceStack stack)
{
    [Fact]
    public async Task Accepted_rejected_replayed_refused_and_recorded_requests_are_counted()
    {
        var before = await ScrapeAsync();
        var key = Guid.NewGuid().ToString();
        var body = TestData.Contact();
        using var anonymous = stack.ApiClient.WithApiKey(null);

        var requestId = (await (await stack.ApiClient.PostAsync(ApiCalls.Contact, body, key)).JsonAsync()).RequestId();
        (await stack.ApiClient.PostAsync(ApiCalls.Contact, body, key)).Dispose();
        (await stack.ApiClient.PostRawAsync(ApiCalls.Deals, """{"contactId":"x","deals":[]}""")).Dispose();
        (await anonymous.Http.GetAsync("/api/v1/requests")).Dispose();
        await stack.ApiClient.WaitForFinalAsync(requestId);

        var expected = new (string Series, string[] Labels)[]
        {
            ("hubspotcrm_api_commands_accepted_total", ["kind=\"contact\""]),
            ("hubspotcrm_api_idempotent_replays_total", ["kind=\"contact\""]),
            ("hubspotcrm_api_commands_rejected_total", ["kind=\"deals\"", "reason=\"invalid_fields\""]),
            ("hubspotcrm_api_authentication_refused_total", ["reason=\"missing_key\""]),
            ("hubspotcrm_api_results_recorded_total", ["kind=\"contact\"", "status=\"succeeded\""]),
        };
        var after = await Eventually.GetAsync(ScrapeAsync,
            scrape => expected.All(e => Value(scrape, e.Series, e.Labels) >= Value(before, e.Series, e.Labels) + 1),
            "every series to count this test's requests", TimeSpan.FromSeconds(20));

        Assert.Contains("hubspotcrm_api_requests_deleted_total", after);
    }

    private async Task<string> ScrapeAsync()
    {
        using var anonymous = stack.ApiClient.WithApiKey(null);
        return await anonymous.Http.GetStringAsync("/metrics");
    }

    /// <summary>The sum of a counter over the lines that carry every given label.</summary>
    private static double Value(string scrape, string series, string[] labels) =>
        SampleLine().Matches(scrape)
            .Where(m => m.Groups["name"].Value == series && labels.All(m.Groups["labels"].Value.Contains))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();
}
