using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Webhooks;

/// <summary>What one receiver's trouble must not do to the others', and what an Api instance dying must not lose.</summary>
[Collection(WebhookCollection.Name)]
public sealed class WebhookIsolationTests(WebhookStack stack)
{
    [Fact]
    public async Task A_receiver_that_hangs_does_not_delay_another_clients_deliveries()
    {
        // 30 deliveries to a receiver that never answers: in one queue with 16 delivery slots for all clients they
        // would fill every slot for the 5 s attempt timeout, over and over.
        stack.ThirdReceiver.Hang();
        var third = stack.ApiClient.WithApiKey(ServiceStackOptions.ThirdApiKey);
        await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => third.SubmitContactAsync()));
        await Eventually.TrueAsync(() => Task.FromResult(stack.ThirdReceiver.Received.Count >= 4), "the hanging receiver to hold attempts");

        var other = stack.ApiClient.WithApiKey(ServiceStackOptions.OtherApiKey);
        var requests = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => other.SubmitContactAsync()));

        foreach (var requestId in requests)
        {
            var delivery = await stack.Receiver.WaitForAsync(requestId, TimeSpan.FromSeconds(30));
            var final = delivery.Json.GetProperty("completedAt").GetDateTimeOffset();
            Assert.True(delivery.ReceivedAt - final < TimeSpan.FromSeconds(3),
                $"delivered {(delivery.ReceivedAt - final).TotalMilliseconds:0} ms after the request turned final, with another client's receiver hanging");
        }
        Assert.All(requests, id => Assert.Equal("/hooks/other", stack.Receiver.For(id)[0].Path));
    }

    [Fact]
    public async Task A_callback_url_that_hangs_does_not_delay_the_same_clients_other_endpoints()
    {
        // 30 callbacks to a receiver that never answers, from the client that also has a working endpoint: without a
        // cap per endpoint they would take all 16 of its delivery slots for the 5 s attempt timeout, over and over.
        await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => stack.ApiClient.SubmitContactAsync(stack.HangingReceiver.Url(WebhookStack.CallbackPath + "hangs"))));
        await Eventually.TrueAsync(() => Task.FromResult(stack.HangingReceiver.Received.Count >= 4),
            "the hanging receiver to hold attempts");

        var requests = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => stack.ApiClient.SubmitContactAsync()));

        foreach (var requestId in requests)
        {
            var delivery = await stack.Receiver.WaitForAsync(requestId, TimeSpan.FromSeconds(30));
            var final = delivery.Json.GetProperty("completedAt").GetDateTimeOffset();
            Assert.True(delivery.ReceivedAt - final < TimeSpan.FromSeconds(3),
                $"delivered {(delivery.ReceivedAt - final).TotalMilliseconds:0} ms after the request turned final, with another endpoint of its client hanging");
            Assert.Equal("/hooks/e2e", delivery.Path);
        }
    }

    [Fact]
    public async Task A_delivery_survives_the_Api_being_killed_after_its_request_turned_final()
    {
        var path = $"{WebhookStack.CallbackPath}survivor/{Guid.NewGuid():N}";
        stack.Receiver.Script(path, [.. Enumerable.Repeat(503, 1000)]);
        var requestId = await stack.ApiClient.SubmitContactAsync(stack.Receiver.Url(path));
        await stack.ApiClient.WaitForWebhookStateAsync(requestId, "failing");

        await stack.Api.KillAsync();
        stack.Receiver.Script(path);
        await stack.Api.StartAsync();

        var delivery = await stack.Receiver.WaitForAsync(requestId);
        Assert.True(delivery.Verified);
        Assert.Equal(200, (await stack.ApiClient.WaitForWebhookStateAsync(requestId, "delivered")).GetProperty("webhook").GetProperty("responseStatus").GetInt32());
    }
}
