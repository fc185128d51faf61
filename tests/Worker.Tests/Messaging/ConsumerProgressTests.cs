using HubSpotCrm.ServiceDefaults.Messaging;
using MassTransit;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace HubSpotCrm.Worker.Tests.Messaging;

/// <summary>When the watchdog may call a queue's consumers stuck: unfinished messages, and nothing finished for the stall time.</summary>
public sealed class ConsumerProgressTests
{
    private static readonly TimeSpan Stall = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _clock = new();
    private readonly ConsumerProgress _progress;

    public ConsumerProgressTests() => _progress = new ConsumerProgress(_clock);

    [Fact]
    public async Task Unfinished_messages_with_nothing_finished_for_the_stall_time_are_stalled()
    {
        await _progress.PreReceive(Received("hubspot.upsert-deals"));

        _clock.Advance(Stall - TimeSpan.FromSeconds(1));
        Assert.Empty(_progress.Stalled(["hubspot.upsert-deals"], Stall));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["hubspot.upsert-deals"], _progress.Stalled(["hubspot.upsert-deals"], Stall));
    }

    [Fact]
    public async Task Messages_that_keep_finishing_are_never_stalled_however_long_others_wait()
    {
        var queue = "hubspot.upsert-contact";
        await _progress.PreReceive(Received(queue));
        for (var i = 0; i < 10; i++)
        {
            await _progress.PreReceive(Received(queue));
            _clock.Advance(TimeSpan.FromMinutes(1));
            await _progress.PostReceive(Received(queue));
        }

        Assert.Empty(_progress.Stalled([queue], Stall));
    }

    [Fact]
    public async Task An_idle_queue_is_never_stalled_and_its_clock_starts_with_its_next_message()
    {
        var queue = "hubspot.create-tickets";
        await _progress.PreReceive(Received(queue));
        await _progress.ReceiveFault(Received(queue), new InvalidOperationException("refused"));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty(_progress.Stalled([queue], Stall));

        await _progress.PreReceive(Received(queue));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(_progress.Stalled([queue], Stall));
    }

    [Fact]
    public async Task Only_the_queues_asked_about_count()
    {
        await _progress.PreReceive(Received("hubspot.upsert-deals"));
        _clock.Advance(Stall);

        Assert.Empty(_progress.Stalled(["hubspot.upsert-contact"], Stall));
    }

    private static ReceiveContext Received(string queue)
    {
        var context = Substitute.For<ReceiveContext>();
        context.InputAddress.Returns(new Uri($"rabbitmq://localhost/vhost/{queue}"));
        return context;
    }
}
