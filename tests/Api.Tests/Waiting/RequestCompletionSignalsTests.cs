using HubSpotCrm.Api.Waiting;

namespace HubSpotCrm.Api.Tests.Waiting;

public sealed class RequestCompletionSignalsTests
{
    private readonly RequestCompletionSignals _signals = new();

    [Fact]
    public void Notify_wakes_every_waiter_of_that_request_and_no_other()
    {
        var id = Guid.NewGuid();
        using var first = _signals.Register(id);
        using var second = _signals.Register(id);
        using var other = _signals.Register(Guid.NewGuid());

        _signals.Notify(id);

        Assert.True(first.Completed.IsCompletedSuccessfully);
        Assert.True(second.Completed.IsCompletedSuccessfully);
        Assert.False(other.Completed.IsCompleted);
    }

    [Fact]
    public void Waited_lists_requests_until_their_waiters_are_done()
    {
        var id = Guid.NewGuid();
        var first = _signals.Register(id);
        var second = _signals.Register(id);
        Assert.Equal([id], _signals.Waited());

        first.Dispose();
        Assert.Equal([id], _signals.Waited());

        second.Dispose();
        Assert.Empty(_signals.Waited());
    }

    [Fact]
    public void A_notified_request_is_no_longer_waited_for()
    {
        var id = Guid.NewGuid();
        using var registration = _signals.Register(id);

        _signals.Notify(id);

        Assert.Empty(_signals.Waited());
    }

    [Fact]
    public void Notify_without_waiters_does_nothing()
    {
        _signals.Notify(Guid.NewGuid());

        Assert.Empty(_signals.Waited());
    }
}
