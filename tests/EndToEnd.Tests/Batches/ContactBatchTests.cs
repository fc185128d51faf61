using System.Net;
using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Batches;

/// <summary>
/// POST /api/v1/hubspot/contacts/batch: many contacts in one request, followed as one batch whose items are requests of
/// their own; refused whole (or, with Prefer: partial, in part) when items are invalid, and nothing lost either way.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ContactBatchTests(ServiceStack stack)
{
    private static List<Dictionary<string, object>> Contacts(int count) => [.. Enumerable.Range(0, count).Select(_ => TestData.Contact())];

    private Task<long> CountAsync(string table) => stack.Database.ScalarAsync<long>($"SELECT count(*) FROM {table}");

    [Fact]
    public async Task A_batch_is_accepted_with_a_status_url_then_completes_with_every_contact_in_HubSpot_and_each_item_its_own_request()
    {
        var contacts = Contacts(120);

        using var response = await stack.ApiClient.PostBatchAsync(BatchCalls.Contacts, contacts);

        BatchCalls.AssertAccepted(response);
        var accepted = await response.JsonAsync();
        var batchId = accepted.BatchId();
        Assert.Equal($"/api/v1/batches/{batchId}", response.Headers.Location?.OriginalString);
        Assert.Equal($"/api/v1/batches/{batchId}", accepted.GetProperty("statusUrl").GetString());
        Assert.Equal("accepted", accepted.Status());
        Assert.Equal("contact", accepted.GetProperty("kind").GetString());
        Assert.Equal(120, accepted.Count("items"));
        Assert.Equal(120, accepted.Count("requests"));
        Assert.Equal(0, accepted.Count("rejected"));

        var completed = await stack.ApiClient.WaitForCompletedAsync(batchId);
        Assert.Equal("completed", completed.Status());
        Assert.Equal(120, completed.Count("succeeded"));
        Assert.Equal(0, completed.Count("accepted"));
        Assert.Equal(0, completed.Count("failed"));
        Assert.True(completed.TryGetProperty("completedAt", out var completedAt) && completedAt.ValueKind == JsonValueKind.String);

        var items = await stack.ApiClient.ItemsAsync(batchId, limit: 50);
        Assert.Equal(Enumerable.Range(0, 120), items.Select(i => i.GetProperty("index").GetInt32()));
        Assert.All(items, i => Assert.Equal("succeeded", i.GetProperty("request").Status()));
        var third = items[2].GetProperty("request");
        var own = await stack.ApiClient.WaitForFinalAsync(third.RequestId());
        Assert.Equal("succeeded", own.Status());
        var emulated = await stack.EmulatorControl.ObjectsAsync("contacts");
        Assert.All(contacts, c => Assert.Contains(emulated, e => e.Property("email") == (string)c["email"]));
        Assert.Equal(own.GetProperty("result").GetProperty("contactId").GetString(),
            Assert.Single(emulated, e => e.Property("email") == (string)contacts[2]["email"]).Id);
    }

    [Fact]
    public async Task Invalid_items_refuse_the_batch_with_every_bad_item_by_index_and_nothing_is_stored_or_published()
    {
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        var contacts = Contacts(5);
        contacts[1]["email"] = "not-an-email";
        contacts[3].Remove("phone");
        var requests = await CountAsync("requests");
        var batches = await CountAsync("batches");

        using var response = await stack.ApiClient.PostBatchAsync(BatchCalls.Contacts, contacts);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["items[1].email", "items[3].phone"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("2 of 5", problem.GetProperty("title").GetString());
        Assert.Equal(requests, await CountAsync("requests"));
        Assert.Equal(batches, await CountAsync("batches"));
        Assert.Equal(0u, await probe.CountAsync());
    }

    [Fact]
    public async Task With_Prefer_partial_the_valid_items_are_accepted_and_the_invalid_ones_reported()
    {
        var contacts = Contacts(4);
        contacts[0]["email"] = "nope";
        contacts[2]["firstname"] = "";

        using var response = await stack.ApiClient.PostBatchAsync(BatchCalls.Contacts, contacts, prefer: "partial");

        BatchCalls.AssertAccepted(response);
        var batch = await response.JsonAsync();
        Assert.Equal(4, batch.Count("items"));
        Assert.Equal(2, batch.Count("requests"));
        Assert.Equal(2, batch.Count("rejected"));
        var rejected = batch.GetProperty("rejected").EnumerateArray().ToList();
        Assert.Equal([0, 2], rejected.Select(r => r.GetProperty("index").GetInt32()));
        Assert.True(rejected[0].GetProperty("errors").TryGetProperty("email", out _));
        Assert.True(rejected[1].GetProperty("errors").TryGetProperty("firstname", out _));

        var completed = await stack.ApiClient.WaitForCompletedAsync(batch.BatchId());
        Assert.Equal(2, completed.Count("succeeded"));
        Assert.Equal([1, 3], (await stack.ApiClient.ItemsAsync(batch.BatchId())).Select(i => i.GetProperty("index").GetInt32()));
        var emails = (await stack.EmulatorControl.ObjectsAsync("contacts")).Select(c => c.Property("email")).ToHashSet();
        Assert.Contains((string)contacts[1]["email"], emails);
        Assert.Contains((string)contacts[3]["email"], emails);
    }

    [Fact]
    public async Task Prefer_partial_with_no_valid_item_is_still_422()
    {
        var contacts = Contacts(2);
        contacts[0]["email"] = "nope";
        contacts[1]["email"] = "nope";

        using var response = await stack.ApiClient.PostBatchAsync(BatchCalls.Contacts, contacts, prefer: "partial");

        await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Items_with_the_same_email_are_one_contact_the_later_values_win_and_the_answer_says_so()
    {
        var contacts = Contacts(3);
        var email = (string)contacts[0]["email"];
        contacts[2]["email"] = email.ToUpperInvariant();
        contacts[2]["firstname"] = "Later";
        contacts[0]["jobtitle"] = "Engineer";

        using var response = await stack.ApiClient.PostBatchAsync(BatchCalls.Contacts, contacts);

        BatchCalls.AssertAccepted(response);
        var batch = await response.JsonAsync();
        Assert.Equal(3, batch.Count("items"));
        Assert.Equal(2, batch.Count("requests"));
        Assert.Equal(1, batch.Count("duplicates"));
        var duplicate = Assert.Single(batch.GetProperty("duplicates").EnumerateArray());
        Assert.Equal((2, 0), (duplicate.GetProperty("index").GetInt32(), duplicate.GetProperty("duplicateOf").GetInt32()));
        Assert.Equal(2, (await stack.ApiClient.WaitForCompletedAsync(batch.BatchId())).Count("succeeded"));
        var contact = Assert.Single(await stack.EmulatorControl.ObjectsAsync("contacts"),
            c => string.Equals(c.Property("email"), email, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Later", contact.Property("firstname"));
        Assert.Equal("Engineer", contact.Property("jobtitle"));
    }

    [Fact]
    public async Task More_items_than_the_cap_is_422_naming_items_and_a_body_over_the_size_cap_is_413()
    {
        using var tooMany = await stack.ApiClient.PostBatchAsync(BatchCalls.Contacts, Contacts(1001));
        var problem = await tooMany.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("1000", problem.GetProperty("errors").GetProperty("items")[0].GetString());

        var huge = TestData.Contact();
        huge["notes"] = new string('x', 5 * 1024 * 1024);
        // Its own connection: Kestrel closes one whose request body it stopped reading, and the shared client's next
        // request must not find that connection in its pool.
        using var ownConnection = new ApiClient(stack.ApiClient.BaseUrl);
        using var tooLarge = await ownConnection.PostBatchAsync(BatchCalls.Contacts, [huge]);
        await tooLarge.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("""{"items":[]}""", "items")]
    [InlineData("""{"items":{}}""", "items")]
    [InlineData("""{"contacts":[{"email":"a@example.com"}]}""", "contacts")]
    [InlineData("""{"items":[1]}""", "items[0]")]
    public async Task A_body_that_is_not_a_list_of_items_is_422_naming_the_field(string body, string field)
    {
        using var response = await stack.ApiClient.PostJsonTextAsync(BatchCalls.Contacts, body);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task The_same_Idempotency_Key_and_body_answers_with_the_first_batch_and_publishes_once()
    {
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        var key = Guid.NewGuid().ToString();
        var contacts = Contacts(10);

        using var first = await stack.ApiClient.PostBatchAsync(BatchCalls.Contacts, contacts, key);
        using var retry = await stack.ApiClient.PostBatchAsync(BatchCalls.Contacts, contacts, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var batchId = (await first.JsonAsync()).BatchId();
        Assert.Contains(retry.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.OK });
        Assert.Equal(batchId, (await retry.JsonAsync()).BatchId());
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(10, (await stack.ApiClient.WaitForCompletedAsync(batchId)).Count("succeeded"));
        // The ten contacts travel in one UpsertContacts message.
        Assert.Equal(1u, await probe.CountAsync());

        contacts[0]["firstname"] = "Changed";
        using var reused = await stack.ApiClient.PostBatchAsync(BatchCalls.Contacts, contacts, key);
        await reused.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        using var otherRoute = await stack.ApiClient.PostAsync(ApiCalls.Contact, TestData.Contact(), key);
        await otherRoute.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1u, await probe.CountAsync());
    }

    [Fact]
    public async Task Prefer_wait_answers_200_with_the_completed_batch()
    {
        using var response = await stack.ApiClient.PostBatchAsync(BatchCalls.Contacts, Contacts(20), prefer: "wait=30");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("wait=30", response.Header("Preference-Applied"));
        var batch = await response.JsonAsync();
        Assert.Equal("completed", batch.Status());
        Assert.Equal(20, batch.Count("succeeded"));
    }

    [Fact]
    public async Task Another_client_sees_no_such_batch_and_an_operator_sees_it()
    {
        using var other = stack.ApiClient.WithApiKey(ServiceStackOptions.OtherApiKey);
        using var response = await other.PostBatchAsync(BatchCalls.Contacts, Contacts(2));
        var batchId = (await response.JsonAsync()).BatchId();

        using var third = stack.ApiClient.WithApiKey(ServiceStackOptions.ThirdApiKey);
        using var hidden = await third.GetBatchAsync(batchId);
        await hidden.ProblemAsync(HttpStatusCode.NotFound);
        using var hiddenItems = await third.Http.GetAsync($"/api/v1/batches/{batchId}/items");
        await hiddenItems.ProblemAsync(HttpStatusCode.NotFound);
        using var operatorView = await stack.ApiClient.GetBatchAsync(batchId);
        Assert.Equal(HttpStatusCode.OK, operatorView.StatusCode);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("after=x", "after")]
    [InlineData("status=done", "status")]
    public async Task Bad_item_list_parameters_are_422_naming_them(string query, string field)
    {
        using var created = await stack.ApiClient.PostBatchAsync(BatchCalls.Contacts, Contacts(1));
        var batchId = (await created.JsonAsync()).BatchId();

        using var response = await stack.ApiClient.Http.GetAsync($"/api/v1/batches/{batchId}/items?{query}");

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }
}
