using System.Net.Http.Json;

namespace HubSpotCrm.EndToEnd.Tests.Api;

/// <summary>
/// The caps on one request (defaults: 256 KiB body, 100 deals, 100 tickets, 100 deal ids): beyond them 413 or 422
/// problem details, and nothing stored or published; at them the request goes through.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CapsTests(ServiceStack stack)
{
    private const int MaxBodyBytes = 262_144;

    [Fact]
    public async Task A_body_declared_larger_than_the_cap_is_413()
    {
        var body = TestData.Contact();
        body["notes"] = new string('x', MaxBodyBytes);

        await AssertRefusedAsync(() => stack.ApiClient.PostRawAsync(ApiCalls.Contact, JsonSerializer.Serialize(body)),
            HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_streamed_body_without_length_is_cut_off_at_the_cap_with_413()
    {
        var body = TestData.Contact();
        body["notes"] = new string('x', MaxBodyBytes);
        var content = JsonContent.Create(body);
        Assert.Null(content.Headers.ContentLength);

        var problem = await AssertRefusedAsync(() => stack.ApiClient.Http.PostAsync(ApiCalls.Contact, content), HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains($"{MaxBodyBytes} bytes", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task More_tickets_than_the_cap_is_422_naming_tickets()
    {
        var tickets = Enumerable.Range(0, 101).Select(i => TestData.Ticket($"T{i}")).ToArray();

        var problem = await AssertRefusedAsync(() => stack.ApiClient.PostJsonAsync(ApiCalls.Tickets, new { contactId = "1", tickets }),
            HttpStatusCode.UnprocessableEntity);

        Assert.Contains("at most 100", problem.GetProperty("errors").GetProperty("tickets")[0].GetString());
    }

    [Fact]
    public async Task More_deal_ids_than_the_cap_is_422_naming_dealIds()
    {
        var dealIds = Enumerable.Range(1, 101).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var problem = await AssertRefusedAsync(
            () => stack.ApiClient.PostJsonAsync(ApiCalls.Tickets, new { contactId = "1", dealIds, tickets = new[] { TestData.Ticket("T") } }),
            HttpStatusCode.UnprocessableEntity);

        Assert.Contains("at most 100", problem.GetProperty("errors").GetProperty("dealIds")[0].GetString());
    }

    [Fact]
    public async Task More_deals_than_the_cap_is_422_naming_deals()
    {
        var deals = Enumerable.Range(0, 101).Select(i => TestData.Deal($"Deal {i}")).ToArray();

        var problem = await AssertRefusedAsync(() => stack.ApiClient.PostJsonAsync(ApiCalls.Deals, new { contactId = "1", deals }),
            HttpStatusCode.UnprocessableEntity);

        Assert.Contains("at most 100", problem.GetProperty("errors").GetProperty("deals")[0].GetString());
    }

    [Fact]
    public async Task Exactly_the_caps_go_through()
    {
        var tickets = Enumerable.Range(0, 100).Select(i => TestData.Ticket($"T{i}")).ToArray();
        var dealIds = Enumerable.Range(1, 100).Select(i => (999_000_000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        var status = await stack.ApiClient.SubmitAndWaitAsync(ApiCalls.Tickets, new { contactId = "999999995", dealIds, tickets });

        Assert.Equal("failed", status.Status());
        Assert.Equal("contact_not_found", status.GetProperty("error").GetProperty("code").GetString());
    }

    private async Task<JsonElement> AssertRefusedAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode status)
    {
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        var rowsBefore = await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests");

        using var response = await send();

        var problem = await response.ProblemAsync(status);
        Assert.Equal(rowsBefore, await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests"));
        Assert.Equal(0u, await probe.CountAsync());
        return problem;
    }
}
