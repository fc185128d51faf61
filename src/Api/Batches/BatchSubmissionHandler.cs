using System.Text.Json;
using HubSpotCrm.Api.Authentication;
using HubSpotCrm.Api.Diagnostics;
using HubSpotCrm.Api.Idempotency;
using HubSpotCrm.Api.Problems;
using HubSpotCrm.Api.Publishing;
using HubSpotCrm.Api.Requests;
using HubSpotCrm.Api.Results;
using HubSpotCrm.Api.Submissions;
using HubSpotCrm.Api.Validation;
using HubSpotCrm.Api.Waiting;
using HubSpotCrm.Api.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Serilog;

namespace HubSpotCrm.Api.Batches;

/// <summary>
/// The path of a bulk submission: read and validate every item, merge the items naming the same object, then record the
/// batch and its requests and put every command on the queue in one database transaction, committed only once the
/// broker confirmed them. A 202 means what it means for a single submission, for every request of the batch that is
/// accepted; an item whose command the broker refused while it took the others is failed at once (code not_queued).
/// Contacts travel 100 to a message (<see cref="BatchableCommand{TCommand}.Bulk"/>), each still a request of its own.
/// </summary>
public sealed class BatchSubmissionHandler(
    BatchStore batches,
    RequestStore requests,
    IdempotencyStore idempotency,
    CommandPublisher publisher,
    CallbackTargets callbacks,
    BatchCompletionWaiter waiter,
    IOptions<BatchLimitsOptions> limits,
    IOptions<WaitOptions> waitOptions,
    TimeProvider clock,
    ApiMetrics metrics,
    IDiagnosticContext diagnostics,
    ILogger<BatchSubmissionHandler> logger)
{
    /// <summary>The error code of an item whose command the broker did not take while the rest of its batch was.</summary>
    public const string NotQueued = "not_queued";

    public async Task<Results<Ok<BatchStatusResponse>, Accepted<BatchStatusResponse>, ProblemHttpResult>> HandleAsync<TCommand>(
        HttpContext context, BatchableCommand<TCommand> batchable, ISubmissionValidator<TCommand> validator, string? idempotencyKey,
        string? prefer, string? callbackUrl, CancellationToken cancellationToken)
        where TCommand : class
    {
        var kind = batchable.Definition.RequestKind;
        if (idempotencyKey is not null && !IdempotencyKey.IsValid(idempotencyKey))
        {
            metrics.Rejected(kind, "invalid_idempotency_key");
            return IdempotencyProblems.Invalid();
        }
        var client = context.User.ClientName();
        var callbackErrors = new ValidationErrors();
        var webhookUrl = callbacks.Choose(client, callbackUrl, callbackErrors);
        if (callbackErrors.HasErrors)
        {
            metrics.Rejected(kind, "invalid_fields");
            return TypedResults.Problem(new HttpValidationProblemDetails(callbackErrors.ToDictionary())
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The request has invalid fields",
                Detail = "See 'errors' for every invalid field and what is wrong with it.",
            });
        }
        var ndjson = NdjsonBatchBody.Is(context.Request);
        if (!ndjson && !context.Request.HasJsonContentType())
        {
            metrics.Rejected(kind, "unsupported_media_type");
            return BatchProblems.UnsupportedMediaType();
        }
        var intake = new BatchIntake<TCommand>(validator);
        var (hash, problem) = ndjson
            ? await NdjsonBatchBody.ReadAsync(context.Request, limits.Value, intake, cancellationToken)
            : await JsonBatchBody.ReadAsync(context.Request, limits.Value, intake, cancellationToken);
        if (problem is not null)
        {
            metrics.Rejected(kind, problem.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "body_too_large",
                StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
                StatusCodes.Status422UnprocessableEntity => "invalid_batch",
                _ => "malformed_json",
            });
            return problem;
        }
        if (intake.Rejected.Count > 0 && (!PartialPreference.IsRequested(prefer) || intake.Valid.Count == 0))
        {
            metrics.Rejected(kind, "invalid_fields");
            logger.LogInformation("Rejected {Kind} batch: {Refused} of {Items} items are invalid", kind, intake.Rejected.Count, intake.Count);
            return BatchProblems.InvalidItems(intake.Errors, intake.Rejected.Count, intake.Count);
        }

        var key = idempotencyKey is null
            ? null
            : new IdempotencyRecord
            {
                Client = client,
                Key = idempotencyKey,
                Kind = batchable.KeyKind,
                BodyHash = hash!,
                BatchId = IdempotencyKey.RequestIdFor(client, idempotencyKey, batchable.KeyKind, hash!),
            };
        var batch = new BatchRecord
        {
            Id = key?.BatchId ?? Guid.CreateVersion7(),
            Kind = kind,
            Client = client,
            CreatedAt = clock.GetUtcNow(),
            ItemCount = intake.Count,
            Duplicates = "[]",
            Rejected = JsonSerializer.Serialize(intake.Rejected, JsonSerializerOptions.Web),
            WebhookUrl = webhookUrl,
        };
        context.Features.Set(new RequestIdFeature(batch.Id));
        diagnostics.Set(RequestIdScope.PropertyName, batch.Id);
        using var scope = RequestIdScope.Begin(logger, batch.Id);
        var plan = BatchPlan<TCommand>.Create(intake.Valid, batchable, index => key is null
            ? Guid.CreateVersion7()
            : IdempotencyKey.RequestIdFor(client, key.Key, $"{batchable.KeyKind}#{index}", hash!));
        batch.Duplicates = JsonSerializer.Serialize(plan.Duplicates, JsonSerializerOptions.Web);

        BatchAdmission admission;
        try
        {
            admission = await AdmitAsync(batchable, batch, plan, key, RequestViewer.Of(context.User));
        }
        catch (Exception exception) when (DatabaseOutage.Is(exception))
        {
            metrics.Rejected(kind, "database_unavailable");
            throw;
        }
        if (admission.KeyReused)
        {
            metrics.Rejected(kind, "idempotency_key_reused");
            return IdempotencyProblems.Reused();
        }
        if (admission.Replayed)
        {
            metrics.Replayed(kind);
            context.Response.Headers[SubmissionHandler.ReplayedHeader] = "true";
            logger.LogInformation("Answered a repeated {Kind} batch from the batch its Idempotency-Key created", kind);
        }
        else
        {
            metrics.Accepted(kind, plan.Requests.Count);
            logger.LogInformation("Accepted {Kind} batch: {Items} items, {Requests} requests, {Duplicates} duplicates, {Refused} refused",
                kind, intake.Count, plan.Requests.Count, plan.Duplicates.Count, intake.Rejected.Count);
        }
        return await AnswerAsync(context.Response, admission.Batch, prefer, cancellationToken);
    }

    /// <summary>
    /// As <see cref="SubmissionHandler"/> admits one request, for all of a batch's: a concurrent submit with the same key
    /// waits on the key's row, and a command the broker refused rolls back every row, so a retry with the key sends the
    /// batch again under the same ids.
    /// </summary>
    private async Task<BatchAdmission> AdmitAsync<TCommand>(
        BatchableCommand<TCommand> batchable, BatchRecord batch, BatchPlan<TCommand> plan, IdempotencyRecord? key, RequestViewer viewer)
        where TCommand : class
    {
        await using var transaction = await batches.BeginAsync(CancellationToken.None);
        var added = await batches.AddAsync(batch, CancellationToken.None);
        if (key is not null)
        {
            var claim = await idempotency.ClaimAsync(key, CancellationToken.None);
            if (!claim.Claimed)
            {
                var earlier = claim.IsSameSubmission(key.Kind, key.BodyHash)
                    ? await batches.FindAsync(claim.BatchId!.Value, viewer, CancellationToken.None)
                      ?? throw new InvalidOperationException($"Idempotency key row points at missing batch {claim.BatchId}.")
                    : null;
                await transaction.RollbackAsync(CancellationToken.None);
                return earlier is null ? BatchAdmission.Reused(batch) : BatchAdmission.Replay(earlier);
            }
        }
        if (!added)
        {
            throw new InvalidOperationException($"Batch {batch.Id} exists without the Idempotency-Key it was derived from.");
        }
        await batches.AddItemsAsync(batch, [.. plan.Requests.Select(r => (r.Id, r.Index))], CancellationToken.None);
        var refused = new System.Collections.Concurrent.ConcurrentBag<(Guid Id, BrokerUnavailableException Reason)>();
        await Parallel.ForEachAsync(batchable.MessagesOf(plan.Requests, r => r.Command), new ParallelOptions { MaxDegreeOfParallelism = limits.Value.PublishConcurrency },
            async (message, _) =>
            {
                try
                {
                    await batchable.SendAsync(publisher, [.. message.Select(r => r.Command)], batch.Client);
                }
                catch (BrokerUnavailableException reason)
                {
                    foreach (var request in message)
                    {
                        refused.Add((request.Id, reason));
                    }
                }
            });
        if (refused.Count == plan.Requests.Count)
        {
            metrics.Rejected(batch.Kind, "broker_unavailable");
            await transaction.RollbackAsync(CancellationToken.None);
            throw refused.First().Reason;
        }
        if (!refused.IsEmpty)
        {
            // The other commands are in the queue already: answering 503 for the whole batch would leave them running
            // with no request to show for them. The refused items fail on their own instead, saying to send them again.
            metrics.Rejected(batch.Kind, "broker_unavailable", refused.Count);
            logger.LogWarning("The broker refused {Refused} of the batch's {Requests} commands; those items failed ({Reason})",
                refused.Count, plan.Requests.Count, refused.First().Reason.Message);
            await requests.CompleteAsync([.. refused.Select(r => RequestCompletion.Failed(r.Id, batch.Kind, ResultJson.Serialize(new
            {
                Code = NotQueued,
                Message = $"{r.Reason.Message} Nothing was sent to HubSpot for this item; submit it again.",
            }), batch.Client))], CancellationToken.None);
        }
        await transaction.CommitAsync(CancellationToken.None);
        return BatchAdmission.New(batch);
    }

    private async Task<Results<Ok<BatchStatusResponse>, Accepted<BatchStatusResponse>, ProblemHttpResult>> AnswerAsync(
        HttpResponse response, BatchRecord batch, string? prefer, CancellationToken cancellationToken)
    {
        if (WaitPreference.Grant(prefer, waitOptions.Value.MaxSeconds) is { } wait)
        {
            response.Headers[WaitPreference.PreferenceAppliedHeader] = $"wait={wait}";
            await waiter.WaitForFinalAsync(batch.Id, TimeSpan.FromSeconds(wait), cancellationToken);
        }
        var status = BatchStatusResponse.From(batch, await batches.ProgressAsync(batch.Id, cancellationToken));
        if (status.Status == BatchStatuses.Completed)
        {
            response.Headers.Location = status.StatusUrl;
            return TypedResults.Ok(status);
        }
        return TypedResults.Accepted(status.StatusUrl, status);
    }

    private sealed record BatchAdmission(BatchRecord Batch, bool Replayed, bool KeyReused)
    {
        public static BatchAdmission New(BatchRecord batch) => new(batch, false, false);

        public static BatchAdmission Replay(BatchRecord earlier) => new(earlier, true, false);

        public static BatchAdmission Reused(BatchRecord batch) => new(batch, false, true);
    }
}
