using System.Security.Cryptography;

namespace HubSpotCrm.EndToEnd.Tests.Webhooks;

/// <summary>
/// A stack whose clients have webhook endpoints on receivers the tests run: the tests' client and the second client on
/// one receiver (different paths), the third client on a receiver of its own, for what one slow receiver must not do to
/// the others, and a receiver that never answers, which only the tests' client may name. Loopback and http are allowed, as only a local receiver can be; the retries are short.
/// </summary>
public sealed class WebhookStack : ServiceStack
{
    public const string CallbackPath = "/callbacks/";

    public static readonly string Secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public WebhookReceiver Receiver { get; } = new(Secret);

    public WebhookReceiver ThirdReceiver { get; } = new(Secret);

    /// <summary>Holds every delivery open: an endpoint of its own, so no other test's deliveries wait on its slots.</summary>
    public WebhookReceiver HangingReceiver { get; } = new(Secret);

    protected override void Configure(ServiceStackOptions options)
    {
        var api = options.Api;
        api["Webhooks__AllowPrivateTargets"] = "true";
        api["Webhooks__AllowHttp"] = "true";
        api["Webhooks__AttemptTimeout"] = "00:00:05";
        api["Webhooks__RetryFor"] = "00:00:20";
        api["Webhooks__Delays__0"] = "00:00:00.300";
        api["Webhooks__Delays__1"] = "00:00:00.600";
        api["Webhooks__Delays__2"] = "00:00:01";
        api["Webhooks__ConcurrentDeliveries"] = "16";
        api["Webhooks__ConcurrencyPerEndpoint"] = "4";
        foreach (var (client, receiver, path) in new[]
                 {
                     (ServiceStackOptions.ApiClientName, Receiver, "/hooks/e2e"),
                     (ServiceStackOptions.OtherApiClientName, Receiver, "/hooks/other"),
                     (ServiceStackOptions.ThirdApiClientName, ThirdReceiver, "/hooks/third"),
                 })
        {
            api[$"Webhooks__Clients__{client}__Url"] = receiver.Url(path);
            api[$"Webhooks__Clients__{client}__Secret"] = Secret;
            api[$"Webhooks__Clients__{client}__AllowedCallbackPrefixes__0"] = receiver.Url(CallbackPath);
        }
        // The tests' client may also name the hanging receiver, for what one of its endpoints must not do to its others.
        api[$"Webhooks__Clients__{ServiceStackOptions.ApiClientName}__AllowedCallbackPrefixes__1"] = HangingReceiver.Url(CallbackPath);
    }

    public override async Task InitializeAsync()
    {
        HangingReceiver.Hang();
        await Task.WhenAll(Receiver.StartAsync(), ThirdReceiver.StartAsync(), HangingReceiver.StartAsync());
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
        await ThirdReceiver.DisposeAsync();
        await HangingReceiver.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class WebhookCollection : ICollectionFixture<WebhookStack>
{
    public const string Name = "webhooks";
}
