namespace HubSpotCrm.EndToEnd.Tests.Api;

/// <summary>
/// Idempotency-Key on the submit routes: a retried submission gets the request the first one created and publishes
/// nothing again; a key reused for something else is refused.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class IdempotencyTests(ServiceStack stack)
{
    [Fact]
    public async Task The_same_key_and_body_again_answers_with_the_first_request_and_publishes_once()
    {
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        var key = Guid.NewGuid().ToString();
        var email = TestData.Email();
        var body = $$"""{"email":"{{email}}","firstname":"Ada","lastname":"Lovelace","phone":"+44 20 7946 0000"}""";
        var sameBodyReformatted = $$"""{ "phone": "+44 20 7946 0000", "lastname": "Lovelace", "firstname": "Ada", "email": "{{email}}" }""";

        using var first = await stack.ApiClient.PostJsonTextAsync(ApiCalls.Contact, body, key);
        using var retry = await stack.ApiClient.PostJsonTextAsync(ApiCalls.Contact, sameBodyReformatted, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var requestId = (await first.JsonAsync()).RequestId();
        Assert.Null(first.Header("Idempotent-Replayed"));
        Assert.Contains(retry.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.OK });
        Assert.Equal(requestId, (await retry.JsonAsync()).RequestId());
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal($"/api/v1/requests/{requestId}", retry.Headers.Location?.OriginalString);

        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(requestId)).Status());
        Assert.Equal(1u, await probe.CountAsync());
        Assert.Single(await stack.EmulatorControl.ObjectsAsync("contacts"), c => c.Property("email") == email);
    }

    [Fact]
    public async Task Once_the_request_is_final_the_same_key_answers_200_with_its_final_state()
    {
        var key = Guid.NewGuid().ToString();
        var body = TestData.Contact();
        using var first = await stack.ApiClient.PostAsync(ApiCalls.Contact, body, key);
        var requestId = (await first.JsonAsync()).RequestId();
        var final = await stack.ApiClient.WaitForFinalAsync(requestId);

        using var retry = await stack.ApiClient.PostAsync(ApiCalls.Contact, body, key);

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal($"/api/v1/requests/{requestId}", retry.Headers.Location?.OriginalString);
        Assert.Equal(final.GetRawText(), (await retry.JsonAsync()).GetRawText());
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_422_and_nothing_is_published()
    {
        var key = Guid.NewGuid().ToString();
        var body = TestData.Contact();
        var requestId = (await (await stack.ApiClient.PostAsync(ApiCalls.Contact, body, key)).JsonAsync()).RequestId();
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        var rowsBefore = await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests");
        body["firstname"] = "Changed";

        using var reused = await stack.ApiClient.PostAsync(ApiCalls.Contact, body, key);

        var problem = await reused.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Idempotency-Key", problem.GetProperty("title").GetString());
        Assert.Equal(rowsBefore, await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests"));
        Assert.Equal(0u, await probe.CountAsync());
        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(requestId)).Status());
    }

    [Fact]
    public async Task A_key_belongs_to_one_route()
    {
        var key = Guid.NewGuid().ToString();
        var contactId = await stack.CreateContactAsync();
        var deals = new { contactId, deals = new[] { TestData.Deal(TestData.Unique("Keyed")) } };
        await stack.ApiClient.PostAsync(ApiCalls.Deals, deals, key);

        using var otherRoute = await stack.ApiClient.PostAsync(ApiCalls.Tickets, new { contactId, tickets = new[] { TestData.Ticket("T") } }, key);

        await otherRoute.ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Keys_are_per_client_so_another_client_with_the_same_key_gets_its_own_request()
    {
        var key = Guid.NewGuid().ToString();
        var body = TestData.Contact();
        using var other = stack.ApiClient.WithApiKey(ServiceStackOptions.OtherApiKey);

        using var mine = await stack.ApiClient.PostAsync(ApiCalls.Contact, body, key);
        using var theirs = await other.PostAsync(ApiCalls.Contact, body, key);

        Assert.Equal(HttpStatusCode.Accepted, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, theirs.StatusCode);
        Assert.NotEqual((await mine.JsonAsync()).RequestId(), (await theirs.JsonAsync()).RequestId());
        Assert.Null(theirs.Header("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Concurrent_identical_submits_get_one_request_and_exactly_one_command_is_published()
    {
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        var key = Guid.NewGuid().ToString();
        var body = TestData.Contact();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => stack.ApiClient.PostAsync(ApiCalls.Contact, body, key)));

        var requestIds = new HashSet<Guid>();
        foreach (var response in responses)
        {
            using (response)
            {
                Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.OK });
                requestIds.Add((await response.JsonAsync()).RequestId());
            }
        }
        var requestId = Assert.Single(requestIds);
        Assert.Equal(7, responses.Count(r => r.Header("Idempotent-Replayed") == "true"));
        Assert.Equal("succeeded", (await stack.ApiClient.WaitForFinalAsync(requestId)).Status());
        Assert.Equal(1u, await probe.CountAsync());
        Assert.Equal(1L, await stack.Database.ScalarAsync<long>($"SELECT count(*) FROM idempotency_keys WHERE request_id = '{requestId}'"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a,b")]
    public async Task A_malformed_key_is_400_and_nothing_is_stored_or_published(string key)
    {
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        var rowsBefore = await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests");

        using var response = await stack.ApiClient.PostAsync(ApiCalls.Contact, TestData.Contact(), key);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Idempotency-Key", problem.GetProperty("title").GetString());
        Assert.Equal(rowsBefore, await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests"));
        Assert.Equal(0u, await probe.CountAsync());
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_400_and_255_is_fine()
    {
        using var tooLong = await stack.ApiClient.PostAsync(ApiCalls.Contact, TestData.Contact(), new string('k', 256));
        using var longest = await stack.ApiClient.PostAsync(ApiCalls.Contact, TestData.Contact(), Guid.NewGuid().ToString("N") + new string('k', 223));

        await tooLong.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Accepted, longest.StatusCode);
    }

    [Fact]
    public async Task Two_key_headers_are_400()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ApiCalls.Contact) { Content = System.Net.Http.Json.JsonContent.Create(TestData.Contact()) };
        request.Headers.Add("Idempotency-Key", [Guid.NewGuid().ToString(), Guid.NewGuid().ToString()]);

        using var response = await stack.ApiClient.Http.SendAsync(request);

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_fails_validation_does_not_use_up_the_key()
    {
        var key = Guid.NewGuid().ToString();
        var invalid = TestData.Contact();
        invalid["email"] = "not-an-email";

        using var refused = await stack.ApiClient.PostAsync(ApiCalls.Contact, invalid, key);
        using var valid = await stack.ApiClient.PostAsync(ApiCalls.Contact, TestData.Contact(), key);

        await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.Accepted, valid.StatusCode);
    }
}
