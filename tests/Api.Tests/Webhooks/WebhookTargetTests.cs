using System.Net;
using HubSpotCrm.Api.Webhooks;

namespace HubSpotCrm.Api.Tests.Webhooks;

/// <summary>Which addresses a callback may reach: the public internet only, unless the settings say otherwise.</summary>
public sealed class WebhookTargetTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Loopback_private_link_local_and_reserved_addresses_are_not_public(string address) =>
        Assert.False(WebhookTarget.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::6810:84e5")]
    [InlineData("::ffff:93.184.215.14")]
    public void Public_addresses_are_public(string address) =>
        Assert.True(WebhookTarget.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://hooks.example.com/a", null)]
    [InlineData("https://hooks.example.com:8443/a?x=1", null)]
    [InlineData("ftp://hooks.example.com/a", "absolute https URL")]
    [InlineData("https://hooks.example.com/a#part", "fragment")]
    [InlineData("https://[fe80::1]/a", "loopback, private or link-local")]
    [InlineData("https://api.localhost/a", "loopback, private or link-local")]
    [InlineData("https://LOCALHOST/a", "loopback, private or link-local")]
    public void A_url_is_checked_for_what_it_says(string url, string? problem)
    {
        var found = WebhookTarget.Check(url, new WebhookOptions());

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found);
        }
    }

    [Fact]
    public void A_url_longer_than_the_column_is_refused() =>
        Assert.Contains("at most", WebhookTarget.Check("https://hooks.example.com/" + new string('a', WebhookTarget.MaxLength), new WebhookOptions()));

    [Theory]
    [InlineData(200, true, false)]
    [InlineData(204, true, false)]
    [InlineData(408, false, true)]
    [InlineData(429, false, true)]
    [InlineData(500, false, true)]
    [InlineData(503, false, true)]
    [InlineData(301, false, false)]
    [InlineData(400, false, false)]
    [InlineData(401, false, false)]
    [InlineData(404, false, false)]
    [InlineData(410, false, false)]
    public void A_receivers_answer_is_delivered_retried_or_final(int status, bool delivered, bool retry)
    {
        var attempt = WebhookAttempt.Answered(status);

        Assert.Equal(delivered, attempt.Delivered);
        Assert.Equal(retry, attempt.Retry);
        Assert.Equal(status, attempt.ResponseStatus);
    }
}
