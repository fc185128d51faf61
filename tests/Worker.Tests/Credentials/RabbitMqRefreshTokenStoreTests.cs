using System.Text;
using HubSpotCrm.ServiceDefaults.Messaging;
using HubSpotCrm.Worker.Credentials;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace HubSpotCrm.Worker.Tests.Credentials;

/// <summary>The refresh-token store on the real broker, in a virtual host of its own.</summary>
public sealed class RabbitMqRefreshTokenStoreTests : IAsyncLifetime
{
    private static readonly TimeSpan NoWait = TimeSpan.Zero;
    private IsolatedVirtualHost _broker = null!;
    private RabbitMqRefreshTokenStore _store = null!;

    public async Task InitializeAsync()
    {
        _broker = await IsolatedVirtualHost.CreateAsync(await TestServers.GetAsync());
        _store = new RabbitMqRefreshTokenStore(Options.Create(new RabbitMqOptions { Uri = _broker.AmqpUri }), TimeProvider.System);
    }

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    private static byte[] Record(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<string?> ReadAsync()
    {
        await using var lease = await _store.TakeAsync(NoWait, CancellationToken.None);
        return lease.Record is { } record ? Encoding.UTF8.GetString(record) : null;
    }

    [Fact]
    public async Task A_replaced_record_is_what_the_next_lease_finds_and_a_lease_ended_without_replacing_keeps_it()
    {
        Assert.Null(await ReadAsync());
        await using (var first = await _store.TakeAsync(NoWait, CancellationToken.None))
        {
            await first.ReplaceAsync(Record("one"), CancellationToken.None);
        }
        await using (var second = await _store.TakeAsync(NoWait, CancellationToken.None))
        {
            Assert.Equal("one", Encoding.UTF8.GetString(second.Record!));
            await second.ReplaceAsync(Record("two"), CancellationToken.None);
        }

        Assert.Equal("two", await ReadAsync());
        Assert.Equal("two", await ReadAsync());
        var queue = await Eventually.GetAsync(() => _broker.Management.QueueAsync(RabbitMqRefreshTokenStore.QueueName), q => q?.Messages == 1,
            "the management API to count the one record");
        Assert.Contains("\"x-max-length\":1", queue!.Arguments, StringComparison.Ordinal);
        Assert.Contains("\"x-overflow\":\"drop-head\"", queue.Arguments, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_one_lease_holds_the_record_another_finds_the_store_empty_and_gets_the_record_once_it_is_replaced()
    {
        await using (var seed = await _store.TakeAsync(NoWait, CancellationToken.None))
        {
            await seed.ReplaceAsync(Record("before"), CancellationToken.None);
        }
        var holder = await _store.TakeAsync(NoWait, CancellationToken.None);
        await using (var meanwhile = await _store.TakeAsync(TimeSpan.FromSeconds(1), CancellationToken.None))
        {
            Assert.Null(meanwhile.Record);
        }

        var waiting = _store.TakeAsync(TimeSpan.FromSeconds(20), CancellationToken.None);
        await holder.ReplaceAsync(Record("after"), CancellationToken.None);
        await holder.DisposeAsync();
        await using var next = await waiting;

        Assert.Equal("after", Encoding.UTF8.GetString(next.Record!));
    }

    [Fact]
    public async Task The_record_of_a_holder_that_dies_comes_back()
    {
        await using (var seed = await _store.TakeAsync(NoWait, CancellationToken.None))
        {
            await seed.ReplaceAsync(Record("kept"), CancellationToken.None);
        }
        var dying = await _store.TakeAsync(NoWait, CancellationToken.None);
        Assert.NotNull(dying.Record);

        // Its connection goes away without a word, as when the process is killed.
        await dying.DisposeAsync();

        await using var next = await _store.TakeAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        Assert.Equal("kept", Encoding.UTF8.GetString(next.Record!));
    }

    [Fact]
    public async Task A_record_put_back_beside_the_one_that_replaced_it_gives_way_to_it()
    {
        await using (var seed = await _store.TakeAsync(NoWait, CancellationToken.None))
        {
            await seed.ReplaceAsync(Record("old"), CancellationToken.None);
        }
        var holder = await _store.TakeAsync(NoWait, CancellationToken.None);

        // The replacement is published but the holder dies before acknowledging the old record, which comes back.
        await PublishAsync("new");
        await holder.DisposeAsync();

        Assert.Equal("new", await ReadAsync());
        Assert.Equal("new", await ReadAsync());
    }

    private async Task PublishAsync(string body)
    {
        await using var connection = await new ConnectionFactory { Uri = _broker.AmqpUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.BasicPublishAsync("", RabbitMqRefreshTokenStore.QueueName, mandatory: true, new BasicProperties { DeliveryMode = DeliveryModes.Persistent }, Record(body));
    }
}
