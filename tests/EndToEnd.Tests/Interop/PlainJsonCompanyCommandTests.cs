using System.Text;
using RabbitMQ.Client;

namespace HubSpotCrm.EndToEnd.Tests.Interop;

/// <summary>UpsertCompany as other services send it: plain camelCase JSON on hubspot.upsert-company, checked against its schema.</summary>
[Collection(StackCollection.Name)]
public sealed class PlainJsonCompanyCommandTests(ServiceStack stack)
{
    private static string Domain() => $"c{Guid.NewGuid():N}.example.com";

    [Fact]
    public async Task A_company_command_published_through_the_management_API_is_processed_and_its_status_is_visible()
    {
        var contactId = await stack.CreateContactAsync();
        var requestId = Guid.NewGuid();
        var domain = Domain();
        var body = JsonSerializer.Serialize(new
        {
            requestId,
            domain = $"WWW.{domain.ToUpperInvariant()}.",
            properties = new { name = "Plain Json Ltd", city = "Leeds" },
            contactIds = new[] { contactId },
            primaryCompany = true,
        }, JsonSerializerOptions.Web);

        await stack.Broker.Management.PublishAsync("hubspot.upsert-company", "", body);

        var status = await stack.ApiClient.WaitForFinalAsync(requestId);
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.Equal("bus", status.GetProperty("source").GetString());
        Assert.Equal("companies", status.GetProperty("kind").GetString());
        Assert.Equal(domain, status.GetProperty("result").GetProperty("domain").GetString());
        var company = await stack.EmulatedAsync("companies", status.GetProperty("result").GetProperty("companyId").GetString()!);
        Assert.Equal(domain, company.Property("domain"));
        Assert.Equal("Plain Json Ltd", company.Property("name"));
        var link = Assert.Single(company.AssociationTypes("contacts"));
        Assert.Equal(contactId, link.Id);
        Assert.Equal([2, 280], link.TypeIds);
    }

    [Fact]
    public async Task The_same_command_delivered_twice_is_one_company_with_one_link_and_one_result_per_copy()
    {
        var contactId = await stack.CreateContactAsync();
        var requestId = Guid.NewGuid();
        var domain = Domain();
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { requestId, domain, contactIds = new[] { contactId } }, JsonSerializerOptions.Web));
        await using var results = await ResultProbe.StartAsync(stack.Broker.AmqpUri);

        await using (var connection = await new ConnectionFactory { Uri = stack.Broker.AmqpUri }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            foreach (var _ in Enumerable.Range(0, 2))
            {
                await channel.BasicPublishAsync("", "hubspot.upsert-company", mandatory: true,
                    new BasicProperties { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent }, body);
            }
        }

        var status = await stack.ApiClient.WaitForFinalAsync(requestId);
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.True(status.GetProperty("result").GetProperty("created").GetBoolean());
        var events = await results.WaitForAsync([requestId], 2);
        Assert.All(events, e => Assert.Equal(status.GetProperty("result").GetProperty("companyId").GetString(), e.Message.GetProperty("companyId").GetString()));
        var company = Assert.Single(await stack.EmulatorControl.ObjectsAsync("companies"), c => c.Property("domain") == domain);
        Assert.Equal([contactId], company.AssociationTypes("contacts").Select(a => a.Id));
        Assert.Single((await stack.EmulatedAsync("contacts", contactId)).AssociationTypes("companies"), a => a.Id == company.Id);
    }

    [Theory]
    [InlineData("localhost", "domain must be a domain name")]
    [InlineData("https://192.168.0.1/", "domain must be a domain name")]
    [InlineData(42, "domain must be a string")]
    public async Task A_command_with_a_bad_domain_fails_as_invalid_command_naming_the_field(object domain, string reason)
    {
        var requestId = Guid.NewGuid();
        var body = JsonSerializer.Serialize(new { requestId, domain }, JsonSerializerOptions.Web);

        await stack.Broker.Management.PublishAsync("hubspot.upsert-company", "", body);

        var status = await stack.ApiClient.WaitForFinalAsync(requestId);
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal("companies", status.GetProperty("kind").GetString());
        Assert.Equal("invalid_command", status.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains(reason, status.GetProperty("error").GetProperty("message").GetString());
    }
}
