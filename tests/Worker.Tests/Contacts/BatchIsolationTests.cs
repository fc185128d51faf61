using HubSpotCrm.Worker.Commands;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace HubSpotCrm.Worker.Tests.Contacts;

public sealed class BatchIsolationTests
{
    private sealed record Input(int Number, bool Bad)
    {
        public IReadOnlyDictionary<string, string> Properties { get; } = new Dictionary<string, string> { ["n"] = Number.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }

    [Fact]
    public async Task When_the_error_names_no_input_the_batch_is_halved_until_each_bad_input_stands_alone()
    {
        var inputs = Enumerable.Range(0, 100).Select(i => new Input(i, Bad: i is 17 or 63)).ToList();
        var written = new List<Input>();
        var failed = new List<Input>();
        var calls = 0;

        await BatchIsolation.RunAsync(inputs, i => i.Properties,
            batch =>
            {
                calls++;
                if (batch.Any(i => i.Bad))
                {
                    throw new HubSpotApiException(400, new HubSpotErrorBody(Message: "Something was wrong", Category: "VALIDATION_ERROR"));
                }
                written.AddRange(batch);
                return Task.CompletedTask;
            },
            (input, _) => failed.Add(input),
            NullLogger.Instance);

        Assert.Equal([17, 63], failed.Select(f => f.Number).Order());
        Assert.Equal(98, written.Count);
        Assert.True(calls <= 2 * 2 * 8, $"{calls} calls");
    }

    [Fact]
    public async Task Inputs_the_error_names_fail_at_once_and_the_rest_is_sent_again_whole()
    {
        var inputs = Enumerable.Range(0, 100).Select(i => new Input(i, Bad: i == 5)).ToList();
        var calls = 0;
        var failed = new List<Input>();
        var body = new HubSpotErrorBody(
            Message: """Property values were not valid: [{"isValid":false,"message":"5 was not one of the allowed options: [1, 2]","error":"INVALID_OPTION","name":"n"}]""",
            Category: "VALIDATION_ERROR");

        await BatchIsolation.RunAsync(inputs, i => i.Properties,
            batch =>
            {
                calls++;
                return batch.Any(i => i.Bad) ? throw new HubSpotApiException(400, body) : Task.CompletedTask;
            },
            (input, _) => failed.Add(input),
            NullLogger.Instance);

        Assert.Equal(5, Assert.Single(failed).Number);
        Assert.Equal(2, calls);
    }
}
