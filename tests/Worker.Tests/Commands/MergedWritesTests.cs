using System.Globalization;
using HubSpotCrm.Contracts.Events;
using HubSpotCrm.Worker.Commands;
using Microsoft.Extensions.Logging.Abstractions;

namespace HubSpotCrm.Worker.Tests.Commands;

/// <summary>The rule for commands merged into one input, against a HubSpot that refuses any input holding a bad command.</summary>
public sealed class MergedWritesTests
{
    private sealed record Part(int Number, bool Bad, IReadOnlyDictionary<string, string> Properties);

    /// <summary>One object in a fake HubSpot: what it holds, and every input it was sent, in order.</summary>
    private sealed class FakeObject
    {
        public Dictionary<string, string>? Stored { get; private set; }

        public List<IReadOnlyList<int>> Inputs { get; } = [];

        public Task<IReadOnlyList<MergedOutcome>> WriteAsync(IReadOnlyList<MergedInput<string, Part>> inputs, Failure refusal)
        {
            var input = Assert.Single(inputs);
            Inputs.Add([.. input.Parts.Select(p => p.Number)]);
            if (input.Parts.Any(p => p.Bad))
            {
                return Task.FromResult<IReadOnlyList<MergedOutcome>>([MergedOutcome.Refused(refusal)]);
            }
            Assert.Equal(Stored is null ? null : "42", input.Id);
            var created = Stored is null;
            Stored ??= [];
            foreach (var (name, value) in input.Properties)
            {
                Stored[name] = value;
            }
            return Task.FromResult<IReadOnlyList<MergedOutcome>>([MergedOutcome.Written("42", created)]);
        }
    }

    private static Part Good(int number) => new(number, false, new Dictionary<string, string>
    {
        ["latest"] = number.ToString(CultureInfo.InvariantCulture),
        [$"p{number}"] = "set",
    });

    private static Part Refused(int number) => new(number, true, new Dictionary<string, string>
    {
        ["latest"] = number.ToString(CultureInfo.InvariantCulture),
        [$"p{number}"] = "set",
        ["no_such_property"] = "x",
    });

    private static async Task<(List<(int Number, bool Created)> Written, List<int> Failed)> RunAsync(FakeObject hubSpot, IReadOnlyList<Part> parts, Failure refusal)
    {
        var written = new List<(int, bool)>();
        var failed = new List<int>();
        await MergedWrites.RunAsync<string, Part>(["object"], _ => parts, _ => null, p => p.Properties,
            inputs => hubSpot.WriteAsync(inputs, refusal),
            (part, id, created) =>
            {
                Assert.Equal("42", id);
                written.Add((part.Number, created));
            },
            (part, failure) =>
            {
                Assert.Same(refusal, failure);
                failed.Add(part.Number);
            },
            NullLogger.Instance);
        return (written, failed);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Commands_the_error_names_fail_at_once_and_the_others_are_written_again_in_one_merged_input(int bad)
    {
        var parts = Enumerable.Range(0, 3).Select(i => i == bad ? Refused(i) : Good(i)).ToList();
        var refusal = new Failure(CommandFailures.HubSpotRejected,
            """Property values were not valid: [{"isValid":false,"message":"Property \"no_such_property\" does not exist","error":"PROPERTY_DOESNT_EXIST","name":"no_such_property"}]""",
            new HubSpotErrorInfo(400, "VALIDATION_ERROR", null));
        var hubSpot = new FakeObject();

        var (written, failed) = await RunAsync(hubSpot, parts, refusal);

        Assert.Equal([bad], failed);
        var good = Enumerable.Range(0, 3).Where(i => i != bad).ToList();
        Assert.Equal(good, written.Select(w => w.Number));
        Assert.Equal([true, false], written.Select(w => w.Created));
        Assert.Equal([[0, 1, 2], good], hubSpot.Inputs);
        Assert.Equal(good.Last().ToString(CultureInfo.InvariantCulture), hubSpot.Stored!["latest"]);
        Assert.False(hubSpot.Stored.ContainsKey($"p{bad}"));
    }

    [Fact]
    public async Task When_the_error_names_no_command_the_input_is_halved_and_the_earlier_half_is_written_first()
    {
        var parts = Enumerable.Range(0, 6).Select(i => i is 0 or 3 ? Refused(i) : Good(i)).ToList();
        var refusal = new Failure(CommandFailures.HubSpotRejected, "Something was wrong", new HubSpotErrorInfo(400, "VALIDATION_ERROR", null));
        var hubSpot = new FakeObject();

        var (written, failed) = await RunAsync(hubSpot, parts, refusal);

        Assert.Equal([0, 3], failed);
        Assert.Equal([1, 2, 4, 5], written.Select(w => w.Number));
        Assert.Equal([true, false, false, false], written.Select(w => w.Created));
        Assert.Equal("5", hubSpot.Stored!["latest"]);
        Assert.Equal(["p1", "p2", "p4", "p5"], hubSpot.Stored.Keys.Where(k => k.StartsWith('p')).Order());
        Assert.Equal([[0, 1, 2, 3, 4, 5], [0, 1, 2], [0], [1, 2], [3, 4, 5], [3], [4, 5]], hubSpot.Inputs);
    }
}
