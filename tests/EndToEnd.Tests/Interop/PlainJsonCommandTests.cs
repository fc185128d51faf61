using System.Text;
using RabbitMQ.Client;

namespace HubSpotCrm.EndToEnd.Tests.Interop;

/// <summary>Other services publish commands as plain camelCase JSON, without MassTransit; their status shows in the Api.</summary>
[Collection(StackCollection.Name)]
public sealed class PlainJsonCommandTests(ServiceStack stack)
{
    [Fact]
    public async Task A_contact_command_published_through_the_management_API_is_processed_and_its_status_is_visible()
    {
        var requestId = Guid.NewGuid();
        var email = TestData.Email("plain");
        var body = JsonSerializer.Serialize(new
        {
            requestId,
            email,
            properties = new { firstname = "Plain", lastname = "Json", phone = "555-0100" },
        }, JsonSerializerOptions.Web);

        await stack.Broker.Management.PublishAsync("hubspot.upsert-contact", "", body);

        var status = await stack.ApiClient.WaitForFinalAsync(requestId);
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.Equal("bus", status.GetProperty("source").GetString());
        Assert.Equal("contact", status.GetProperty("kind").GetString());
        var contact = await stack.EmulatedAsync("contacts", status.GetProperty("result").GetProperty("contactId").GetString()!);
        Assert.Equal(email, contact.Property("email"));
        Assert.Equal("Plain", contact.Property("firstname"));
    }

    [Fact]
    public async Task A_ticket_command_published_with_RabbitMQ_Client_to_the_queue_is_processed()
    {
        var contactId = await stack.CreateContactAsync();
        var requestId = Guid.NewGuid();
        var subject = TestData.Unique("From Python");
        var body = JsonSerializer.Serialize(new
        {
            requestId,
            contactId,
            dealIds = Array.Empty<string>(),
            tickets = new[]
            {
                new { subject, content = "Sent by a service that is not .NET", category = "GENERAL_INQUIRY", pipeline = "0", pipelineStage = "1", priority = "LOW" },
            },
        }, JsonSerializerOptions.Web);

        await using (var connection = await new ConnectionFactory { Uri = stack.Broker.AmqpUri }.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.BasicPublishAsync("", "hubspot.create-tickets", mandatory: true,
                new BasicProperties { ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent }, Encoding.UTF8.GetBytes(body));
        }

        var status = await stack.ApiClient.WaitForFinalAsync(requestId);
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        var ticket = await stack.EmulatedAsync("tickets", status.GetProperty("result").GetProperty("tickets")[0].GetProperty("ticketId").GetString()!);
        Assert.Equal(subject, ticket.Property("subject"));
        Assert.Equal([(contactId, 16)], ticket.Associations("contacts"));
        Assert.Empty(ticket.Associations("deals"));
    }
}
