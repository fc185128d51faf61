using HubSpotCrm.Api.Waiting;

namespace HubSpotCrm.Api.Tests.Waiting;

public sealed class WaitPreferenceTests
{
    [Theory]
    [InlineData("wait=10", 10)]
    [InlineData("WAIT=10", 10)]
    [InlineData("respond-async, wait=5", 5)]
    [InlineData("wait=5; foo=bar, respond-async", 5)]
    [InlineData("wait = 7", 7)]
    [InlineData("wait=\"3\"", 3)]
    [InlineData("wait=0", 0)]
    [InlineData("wait=2, wait=9", 2)]
    public void The_first_wait_preference_counts(string prefer, int seconds) => Assert.Equal(seconds, WaitPreference.Parse(prefer));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("respond-async")]
    [InlineData("wait")]
    [InlineData("wait=")]
    [InlineData("wait=-1")]
    [InlineData("wait=1.5")]
    [InlineData("wait=soon")]
    [InlineData("wait=99999999999")]
    [InlineData("waiting=5")]
    public void Anything_else_asks_for_no_wait(string? prefer) => Assert.Null(WaitPreference.Parse(prefer));

    [Theory]
    [InlineData("wait=10", 30, 10)]
    [InlineData("wait=120", 30, 30)]
    [InlineData("wait=0", 30, null)]
    [InlineData("respond-async", 30, null)]
    public void The_granted_wait_is_cut_to_the_cap(string prefer, int cap, int? granted) =>
        Assert.Equal(granted, WaitPreference.Grant(prefer, cap));
}
