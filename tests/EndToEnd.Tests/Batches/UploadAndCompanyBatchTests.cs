using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Batches;

/// <summary>NDJSON uploads into the same batch resource, and bulk companies matched by their normalized domain.</summary>
[Collection(StackCollection.Name)]
public sealed class UploadAndCompanyBatchTests(ServiceStack stack)
{
    private static string Ndjson(IEnumerable<object> items) => string.Join("\n", items.Select(i => JsonSerializer.Serialize(i))) + "\n";

    [Fact]
    public async Task An_NDJSON_upload_becomes_one_batch_and_blank_lines_are_skipped()
    {
        var contacts = Enumerable.Range(0, 2500).Select(_ => TestData.Contact()).ToList();
        var body = new StringBuilder(Ndjson(contacts.Take(1000))).Append("\r\n\n").Append(Ndjson(contacts.Skip(1000))).ToString();

        using var response = await stack.ApiClient.PostNdjsonAsync(BatchCalls.Contacts, body);

        BatchCalls.AssertAccepted(response);
        var batch = await response.JsonAsync();
        Assert.Equal(2500, batch.Count("items"));
        Assert.Equal(2500, batch.Count("requests"));
        var completed = await stack.ApiClient.WaitForCompletedAsync(batch.BatchId(), TimeSpan.FromMinutes(3));
        Assert.Equal(2500, completed.Count("succeeded"));
        var emails = (await stack.EmulatorControl.ObjectsAsync("contacts")).Select(c => c.Property("email")).ToHashSet();
        Assert.All(contacts, c => Assert.Contains((string)c["email"], emails));
    }

    [Fact]
    public async Task A_malformed_or_invalid_NDJSON_line_is_reported_by_its_line_number_and_nothing_is_stored()
    {
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        var lines = string.Join("\n",
            JsonSerializer.Serialize(TestData.Contact()),
            "",
            """{"email": "broken@example.com", """,
            JsonSerializer.Serialize(TestData.Contact(email: "no-at-sign")),
            JsonSerializer.Serialize(TestData.Contact()));
        var batches = await stack.Database.ScalarAsync<long>("SELECT count(*) FROM batches");

        using var response = await stack.ApiClient.PostNdjsonAsync(BatchCalls.Contacts, lines);

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors");
        Assert.Equal(["lines[3]", "lines[4].email"], errors.EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("not valid JSON", errors.GetProperty("lines[3]")[0].GetString());
        Assert.Equal(batches, await stack.Database.ScalarAsync<long>("SELECT count(*) FROM batches"));
        Assert.Equal(0u, await probe.CountAsync());

        using var partial = await stack.ApiClient.PostNdjsonAsync(BatchCalls.Contacts, lines, prefer: "partial");
        Assert.Equal(HttpStatusCode.Accepted, partial.StatusCode);
        var batch = await partial.JsonAsync();
        Assert.Equal(4, batch.Count("items"));
        Assert.Equal(2, batch.Count("requests"));
        Assert.Equal([3, 4], batch.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));
    }

    [Fact]
    public async Task The_connection_an_upload_was_answered_on_serves_the_client_s_next_upload()
    {
        var connections = 0;
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                Interlocked.Increment(ref connections);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new ApiClient(stack.ApiClient.BaseUrl, handler: handler);
        var refused = string.Join("\n", JsonSerializer.Serialize(TestData.Contact(email: "no-at-sign")), "{\"email\": ");
        var accepted = Ndjson([TestData.Contact()]).TrimEnd('\n');

        using var first = await client.PostNdjsonAsync(BatchCalls.Contacts, refused);
        await first.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        using var second = await client.PostNdjsonAsync(BatchCalls.Contacts, accepted);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        using var third = await client.PostNdjsonAsync(BatchCalls.Contacts, refused);
        await third.ProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(1, connections);
    }

    [Fact]
    public async Task An_upload_with_more_lines_than_the_cap_is_422_naming_lines()
    {
        await using var api = ExtraApi.Create(stack, "api-upload-cap", settings => settings["Submissions__Batches__MaxLines"] = "3");
        await api.StartAsync();
        using var client = new ApiClient(api.BaseUrl);

        using var response = await client.PostNdjsonAsync(BatchCalls.Contacts, Ndjson(Enumerable.Range(0, 4).Select(_ => TestData.Contact())));

        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("At most 3", problem.GetProperty("errors").GetProperty("lines")[0].GetString());
    }

    [Fact]
    public async Task A_body_that_is_neither_JSON_nor_NDJSON_is_415()
    {
        using var response = await stack.ApiClient.PostRawAsync(BatchCalls.Contacts, "email,firstname\n", "text/csv");

        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Companies_in_bulk_are_one_company_per_normalized_domain_with_their_contacts_linked()
    {
        var contactId = await stack.CreateContactAsync();
        var domain = $"c{Guid.NewGuid():N}.example.com";
        var other = $"c{Guid.NewGuid():N}.example.com";
        object[] companies =
        [
            new { domain = $"https://www.{domain.ToUpperInvariant()}/about", name = "First" },
            new { domain = other, name = "Other" },
            new { domain, name = "Renamed", contactIds = new[] { contactId } },
        ];

        using var response = await stack.ApiClient.PostBatchAsync(BatchCalls.Companies, companies);

        BatchCalls.AssertAccepted(response);
        var batch = await response.JsonAsync();
        Assert.Equal("companies", batch.GetProperty("kind").GetString());
        Assert.Equal(2, batch.Count("requests"));
        var duplicate = Assert.Single(batch.GetProperty("duplicates").EnumerateArray());
        Assert.Equal((2, 0), (duplicate.GetProperty("index").GetInt32(), duplicate.GetProperty("duplicateOf").GetInt32()));
        Assert.Equal(2, (await stack.ApiClient.WaitForCompletedAsync(batch.BatchId())).Count("succeeded"));
        var items = await stack.ApiClient.ItemsAsync(batch.BatchId());
        var first = items.Single(i => i.GetProperty("index").GetInt32() == 0).GetProperty("request").GetProperty("result");
        Assert.Equal(domain, first.GetProperty("domain").GetString());
        Assert.Equal([contactId], first.GetProperty("contactIds").EnumerateArray().Select(c => c.GetString()));
        var company = Assert.Single(await stack.EmulatorControl.ObjectsAsync("companies"), c => c.Property("domain") == domain);
        Assert.Equal("Renamed", company.Property("name"));
    }
}
