using HubSpotCrm.Api.Diagnostics;
using HubSpotCrm.Api.Problems;
using HubSpotCrm.Api.Requests;
using HubSpotCrm.Api.Webhooks;
using Npgsql;

namespace HubSpotCrm.Api.Results;

/// <summary>
/// Records a batch of result events so that no event PostgreSQL cannot store holds back the others: the batch in one
/// statement, and when that fails for another reason than PostgreSQL being away, one event at a time. An event whose
/// data PostgreSQL refuses even alone (SQLSTATE class 22, e.g. 22P05: a text with U+0000, which jsonb cannot hold,
/// from a forged event or a Worker that let it through) gives its request a final status of its own, failed with code
/// unrecordable_result, instead of leaving it accepted, or unknown, for ever. Anything else (an outage, a bug) still
/// fails the batch, which is retried and, unless PostgreSQL was away, ends in the error queue to be redriven.
/// Once recorded, the callbacks of the requests that turned final are queued, before the events are acknowledged.
/// </summary>
public sealed class ResultRecorder(RequestStore store, WebhookDispatcher webhooks, ILogger<ResultRecorder> logger)
{
    public const string UnrecordableResult = "unrecordable_result";

    public async Task RecordAsync(IReadOnlyCollection<RequestCompletion> completions, CancellationToken cancellationToken)
    {
        await StoreAsync(completions, cancellationToken);
        await webhooks.DispatchAsync([.. completions.Select(c => c.Id).Distinct()], cancellationToken);
    }

    private async Task StoreAsync(IReadOnlyCollection<RequestCompletion> completions, CancellationToken cancellationToken)
    {
        try
        {
            await store.CompleteAsync(completions, cancellationToken);
            return;
        }
        catch (Exception refused) when (!DatabaseOutage.Is(refused) && completions.Count > 1)
        {
            logger.LogWarning("Recording a batch of {Count} results failed ({Reason}); recording them one by one", completions.Count, Describe(refused));
        }
        catch (Exception refused) when (RefusedData(refused) is { } postgres)
        {
            await RecordUnrecordableAsync(completions.Single(), postgres, cancellationToken);
            return;
        }
        foreach (var completion in completions)
        {
            try
            {
                await store.CompleteAsync([completion], cancellationToken);
            }
            catch (Exception refused) when (RefusedData(refused) is { } postgres)
            {
                await RecordUnrecordableAsync(completion, postgres, cancellationToken);
            }
        }
    }

    private async Task RecordUnrecordableAsync(RequestCompletion completion, PostgresException refused, CancellationToken cancellationToken)
    {
        using var _ = RequestIdScope.Begin(logger, completion.Id);
        logger.LogError("The result of a request could not be stored ({Reason}); the request is marked failed", Describe(refused));
        var reported = completion.Status == RequestStatuses.Succeeded
            ? "The Worker reported it succeeded, so HubSpot may hold its objects; their ids were in the result that was lost."
            : "The Worker reported it failed; its reason was in the result that was lost.";
        var error = ResultJson.Serialize(new
        {
            Code = UnrecordableResult,
            Message = $"The result event for this request could not be stored ({Describe(refused)}). {reported}",
        });
        await store.CompleteAsync([RequestCompletion.Failed(completion.Id, completion.Kind, error, completion.Client)], cancellationToken);
    }

    /// <summary>PostgreSQL's refusal of the data it was given (SQLSTATE class 22, data exception), if that is what <paramref name="exception"/> is.</summary>
    private static PostgresException? RefusedData(Exception exception) => exception switch
    {
        PostgresException postgres when postgres.SqlState.StartsWith("22", StringComparison.Ordinal) => postgres,
        _ when exception.InnerException is { } inner => RefusedData(inner),
        _ => null,
    };

    /// <summary>What PostgreSQL said, without the event's text: its SQLSTATE and message.</summary>
    private static string Describe(Exception exception) => exception switch
    {
        PostgresException postgres => $"PostgreSQL {postgres.SqlState}: {postgres.MessageText}",
        _ when exception.InnerException is { } inner => Describe(inner),
        _ => exception.GetType().Name,
    };
}
