using System.ComponentModel.DataAnnotations;
using HubSpotCrm.ServiceDefaults.Messaging;

namespace HubSpotCrm.Worker.Tests.Messaging;

/// <summary>RabbitMq:Nodes, the cluster's nodes the services connect to instead of RabbitMq:Uri's one host.</summary>
public sealed class BrokerNodesTests
{
    [Fact]
    public void Without_nodes_the_one_endpoint_is_the_uris()
    {
        var options = new RabbitMqOptions { Uri = new Uri("amqp://crm:secret@broker.example:5673/crm") };

        Assert.Equal([("broker.example", 5673)], options.Endpoints());
        Assert.Empty(Problems(options));
    }

    [Fact]
    public void Nodes_replace_the_uris_host_and_a_node_without_a_port_takes_the_schemes()
    {
        var options = new RabbitMqOptions
        {
            Uri = new Uri("amqp://crm:secret@ignored.example/crm"),
            Nodes = ["127.0.0.1:5701", " rabbit-2.internal ", "[::1]:5703", "[fd00::2]"],
        };

        Assert.Equal([("127.0.0.1", 5701), ("rabbit-2.internal", 5672), ("::1", 5703), ("fd00::2", 5672)], options.Endpoints());
        Assert.Empty(Problems(options));
    }

    [Theory]
    [InlineData("rabbit-1:")]
    [InlineData("rabbit-1:0")]
    [InlineData("rabbit-1:70000")]
    [InlineData("rabbit-1:amqp")]
    [InlineData("amqp://rabbit-1:5672")]
    [InlineData("")]
    [InlineData("rabbit 1:5672")]
    public void A_node_that_is_not_host_port_stops_the_start_naming_it(string node)
    {
        var options = new RabbitMqOptions { Nodes = ["127.0.0.1:5701", node] };

        var problem = Assert.Single(Problems(options));
        Assert.Contains($"RabbitMq:Nodes holds '{node}', which is not host:port", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Nodes_with_tls_are_refused_with_what_to_do_instead()
    {
        var options = new RabbitMqOptions { Uri = new Uri("amqps://crm:secret@broker.example/crm"), Nodes = ["rabbit-1:5671", "rabbit-2:5671"] };

        var problem = Assert.Single(Problems(options));
        Assert.Contains("works over plain AMQP only", problem, StringComparison.Ordinal);
        Assert.Contains("leave RabbitMq:Nodes empty", problem, StringComparison.Ordinal);
    }

    private static List<string> Problems(RabbitMqOptions options) =>
        [.. options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage!)];
}
