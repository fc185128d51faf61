using System.Diagnostics;

namespace HubSpotCrm.EndToEnd.Tests.Api;

/// <summary>
/// Prefer: wait=N (RFC 7240) on submits and on GET status, for callers that want the old synchronous behaviour. The
/// stack is this class's own: some tests stop its Worker to keep requests accepted.
/// </summary>
public sealed class WaitTests(ServiceStack stack) : IClassFixture<ServiceStack>
{
    [Fact]
    public async Task A_submit_that_waits_is_answered_200_with_the_final_state_as_GET_shows_it()
    {
        using var response = await stack.ApiClient.PostAsync(ApiCalls.Contact, TestData.Contact(), prefer: "wait=30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("wait=30", response.Header("Preference-Applied"));
        var body = await response.JsonAsync();
        Assert.Equal("succeeded", body.Status());
        Assert.Equal($"/api/v1/requests/{body.RequestId()}", response.Headers.Location?.OriginalString);
        var status = await stack.ApiClient.StatusAsync(body.RequestId());
        Assert.Equal(status!.Value.GetRawText(), body.GetRawText());
    }

    [Fact]
    public async Task A_failing_request_is_waited_for_too()
    {
        using var response = await stack.ApiClient.PostAsync(ApiCalls.Deals,
            new { contactId = "999999997", deals = new[] { TestData.Deal(TestData.Unique("Orphan")) } }, prefer: "wait=30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("failed", body.Status());
        Assert.Equal("contact_not_found", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_wait_above_the_cap_is_cut_to_the_cap()
    {
        using var response = await stack.ApiClient.PostAsync(ApiCalls.Contact, TestData.Contact(), prefer: "respond-async, wait=3600");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("wait=30", response.Header("Preference-Applied"));
    }

    [Theory]
    [InlineData("respond-async")]
    [InlineData("wait=0")]
    [InlineData("wait=soon")]
    public async Task Without_a_usable_wait_the_submit_answers_202_at_once(string prefer)
    {
        using var response = await stack.ApiClient.PostAsync(ApiCalls.Contact, TestData.Contact(), prefer: prefer);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Null(response.Header("Preference-Applied"));
    }

    [Fact]
    public async Task GET_waits_until_the_result_arrives()
    {
        await stack.Worker.KillAsync();
        Guid requestId;
        Task<HttpResponseMessage> waiting;
        try
        {
            requestId = await stack.ApiClient.SubmitAsync(ApiCalls.Contact, TestData.Contact());
            waiting = stack.ApiClient.GetStatusAsync(requestId, prefer: "wait=30");
            Assert.Equal("accepted", (await stack.ApiClient.StatusAsync(requestId))!.Value.Status());
        }
        finally
        {
            await stack.Worker.StartAsync();
        }

        using var response = await waiting;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("wait=30", response.Header("Preference-Applied"));
        Assert.Equal("succeeded", (await response.JsonAsync()).Status());
    }

    [Fact]
    public async Task When_the_wait_runs_out_POST_answers_202_and_GET_the_accepted_state()
    {
        await stack.Worker.KillAsync();
        Guid requestId;
        try
        {
            var clock = Stopwatch.StartNew();
            using var submitted = await stack.ApiClient.PostAsync(ApiCalls.Contact, TestData.Contact(), prefer: "wait=2");
            var submitTime = clock.Elapsed;

            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            Assert.Equal("wait=2", submitted.Header("Preference-Applied"));
            var accepted = await submitted.JsonAsync();
            Assert.Equal("accepted", accepted.Status());
            requestId = accepted.RequestId();
            Assert.InRange(submitTime, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6));

            clock.Restart();
            using var status = await stack.ApiClient.GetStatusAsync(requestId, prefer: "wait=2");

            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            Assert.Equal("wait=2", status.Header("Preference-Applied"));
            Assert.Equal("accepted", (await status.JsonAsync()).Status());
            Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(6));
        }
        finally
        {
            await stack.Worker.StartAsync();
        }

        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(requestId)).Status());
    }

    [Fact]
    public async Task Waiting_for_an_unknown_request_is_404_at_once()
    {
        var clock = Stopwatch.StartNew();

        using var response = await stack.ApiClient.GetStatusAsync(Guid.NewGuid(), prefer: "wait=30");

        await response.ProblemAsync(HttpStatusCode.NotFound);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task A_waiter_on_another_Api_instance_learns_the_result_from_the_database()
    {
        // The second instance listens on a virtual host of its own, so no result event ever reaches it.
        await using var ownBroker = await IsolatedVirtualHost.CreateAsync(stack.Servers);
        await using var second = ExtraApi.Create(stack, "api-second", amqpUri: ownBroker.AmqpUri);
        await second.StartAsync();
        using var secondClient = new ApiClient(second.BaseUrl);

        await stack.Worker.KillAsync();
        Guid requestId;
        Task<HttpResponseMessage> waiting;
        try
        {
            requestId = await stack.ApiClient.SubmitAsync(ApiCalls.Contact, TestData.Contact());
            waiting = secondClient.GetStatusAsync(requestId, prefer: "wait=30");
        }
        finally
        {
            await stack.Worker.StartAsync();
        }

        using var response = await waiting;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("succeeded", (await response.JsonAsync()).Status());
    }
}
