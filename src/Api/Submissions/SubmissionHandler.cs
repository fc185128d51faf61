using HubSpotCrm.Api.Authentication;
using HubSpotCrm.Api.Diagnostics;
using HubSpotCrm.Api.Idempotency;
using HubSpotCrm.Api.Problems;
using HubSpotCrm.Api.Publishing;
using HubSpotCrm.Api.Requests;
using HubSpotCrm.Api.Validation;
using HubSpotCrm.Api.Waiting;
using HubSpotCrm.Api.Webhooks;
using HubSpotCrm.Contracts.Catalogue;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Serilog;

namespace HubSpotCrm.Api.Submissions;

/// <summary>
/// The one path every submission takes: read, validate, record as accepted and put on the queue in one database
/// transaction (shared with the submissions arriving at the same moment, unless it has a key), answer 202 (or the
/// final state when the caller waits). Nothing is recorded or published for a body that fails validation, no row is
/// ever visible for a command the broker did not take, and a repeated Idempotency-Key is answered from the request it
/// created instead of publishing again.
/// </summary>
public sealed class SubmissionHandler(
    RequestStore store,
    IdempotencyStore idempotency,
    CommandPublisher publisher,
    GroupAdmission groupAdmission,
    CallbackTargets callbacks,
    WebhookDeliveryStore deliveries,
    RequestCompletionWaiter waiter,
    IOptions<SubmissionLimitsOptions> limits,
    IOptions<WaitOptions> waitOptions,
    ApiMetrics metrics,
    IDiagnosticContext diagnostics,
    ILogger<SubmissionHandler> logger)
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task<Results<Ok<RequestStatusResponse>, Accepted<SubmissionAccepted>, ProblemHttpResult>> HandleAsync<TCommand>(
        HttpContext context, ISubmissionValidator<TCommand> validator, string? idempotencyKey, string? prefer, string? callbackUrl,
        CancellationToken cancellationToken)
        where TCommand : class
    {
        var kind = CommandCatalogue.For<TCommand>().RequestKind;
        if (idempotencyKey is not null && !IdempotencyKey.IsValid(idempotencyKey))
        {
            metrics.Rejected(kind, "invalid_idempotency_key");
            return IdempotencyProblems.Invalid();
        }
        var (document, problem) = await JsonBody.ReadAsync(context.Request, limits.Value.MaxBodyBytes, cancellationToken);
        if (problem is not null)
        {
            metrics.Rejected(kind, problem.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "body_too_large",
                StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
                _ => "malformed_json",
            });
            return problem;
        }
        using var body = document!;

        var requestId = context.Features.GetRequiredFeature<RequestIdFeature>().RequestId;
        var bodyHash = idempotencyKey is null ? null : CanonicalJson.Sha256(body.RootElement);
        if (bodyHash is not null)
        {
            requestId = IdempotencyKey.RequestIdFor(context.User.ClientName(), idempotencyKey!, kind, bodyHash);
            context.Features.Set(new RequestIdFeature(requestId));
            diagnostics.Set(RequestIdScope.PropertyName, requestId);
        }
        using var keyedScope = bodyHash is null ? null : RequestIdScope.Begin(logger, requestId);
        var errors = new ValidationErrors();
        var command = validator.Validate(body.RootElement, requestId, errors);
        var webhookUrl = callbacks.Choose(context.User.ClientName(), callbackUrl, errors);
        if (command is null || errors.HasErrors)
        {
            metrics.Rejected(kind, "invalid_fields");
            logger.LogInformation("Rejected {Kind} request: {FieldCount} invalid fields", kind, errors.Count);
            return TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The request has invalid fields",
                Detail = "See 'errors' for every invalid field and what is wrong with it.",
            });
        }

        var key = bodyHash is null
            ? null
            : new IdempotencyRecord
            {
                Client = context.User.ClientName(),
                Key = idempotencyKey!,
                Kind = kind,
                BodyHash = bodyHash,
                RequestId = requestId,
            };
        Admission admission;
        try
        {
            admission = key is null
                ? await AdmitInGroupAsync(requestId, kind, command, webhookUrl, RequestViewer.Of(context.User))
                : await AdmitWithKeyAsync(requestId, kind, command, webhookUrl, key, RequestViewer.Of(context.User));
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

        if (admission.Earlier is not null)
        {
            // From here on the call is about the earlier request, not the id this submission would have had.
            using var _ = RequestIdScope.Begin(logger, admission.RequestId);
            metrics.Replayed(kind);
            diagnostics.Set(RequestIdScope.PropertyName, admission.RequestId);
            context.Response.Headers[ReplayedHeader] = "true";
            logger.LogInformation("Answered a repeated {Kind} submission from the request its Idempotency-Key created", kind);
        }
        else
        {
            metrics.Accepted(kind);
            logger.LogInformation("Accepted {Kind} request", kind);
        }
        return await AnswerAsync(context.Response, admission, RequestViewer.Of(context.User), prefer, cancellationToken);
    }

    /// <summary>A submission without a key: admitted with the others arriving at the same time (<see cref="GroupAdmission"/>).</summary>
    private async Task<Admission> AdmitInGroupAsync<TCommand>(Guid requestId, string kind, TCommand command, string? webhookUrl, RequestViewer viewer)
        where TCommand : class
    {
        try
        {
            await groupAdmission.AdmitAsync(requestId, kind, viewer.Client, webhookUrl, command);
        }
        catch (BrokerUnavailableException)
        {
            metrics.Rejected(kind, "broker_unavailable");
            throw;
        }
        return Admission.New(requestId);
    }

    /// <summary>
    /// Inserts the row, claims the key and publishes inside one transaction, committed only once the broker
    /// confirmed. A concurrent submit with the same key waits on the key's row until this commits or rolls back, so
    /// exactly one of them publishes. The caller hanging up does not cancel this: the publish timeout and the
    /// database command timeout bound it, and stopping half-way could leave a published command without its row.
    /// </summary>
    private async Task<Admission> AdmitWithKeyAsync<TCommand>(Guid requestId, string kind, TCommand command, string? webhookUrl,
        IdempotencyRecord key, RequestViewer viewer)
        where TCommand : class
    {
        await using var transaction = await store.BeginSubmissionAsync(CancellationToken.None);
        var added = await store.AddAcceptedAsync(requestId, kind, viewer.Client, webhookUrl, CancellationToken.None);
        var claim = await idempotency.ClaimAsync(key, CancellationToken.None);
        if (!claim.Claimed)
        {
            // Read before the rollback: the key's row stays locked until then, so its request cannot be deleted meanwhile.
            var earlier = claim.IsSameSubmission(kind, key.BodyHash)
                ? await store.FindAsync(claim.RequestId!.Value, viewer, CancellationToken.None)
                  ?? throw new InvalidOperationException($"Idempotency key row points at missing request {claim.RequestId}.")
                : null;
            await transaction.RollbackAsync(CancellationToken.None);
            return earlier is null ? Admission.Reused() : Admission.Replay(earlier);
        }
        if (!added)
        {
            // Only an id derived from a key can exist already without its key: an earlier attempt was answered 503,
            // yet its command reached the broker and its result is stored. That request is this one; keep the claim.
            var earlier = await store.FindAsync(requestId, viewer, CancellationToken.None)
                          ?? throw new InvalidOperationException($"Request {requestId} vanished inside its submission.");
            await transaction.CommitAsync(CancellationToken.None);
            return Admission.Replay(earlier);
        }
        try
        {
            await publisher.SendAsync(command, viewer.Client, CancellationToken.None);
        }
        catch (BrokerUnavailableException)
        {
            metrics.Rejected(kind, "broker_unavailable");
            await transaction.RollbackAsync(CancellationToken.None);
            throw;
        }
        await transaction.CommitAsync(CancellationToken.None);
        return Admission.New(requestId);
    }

    /// <summary>202 with where to follow the request, or, once it is final (already, or within the wait asked for), 200 with its state.</summary>
    private async Task<Results<Ok<RequestStatusResponse>, Accepted<SubmissionAccepted>, ProblemHttpResult>> AnswerAsync(
        HttpResponse response, Admission admission, RequestViewer viewer, string? prefer, CancellationToken cancellationToken)
    {
        var statusUrl = $"/api/v1/requests/{admission.RequestId}";
        var record = admission.Earlier;
        var wait = WaitPreference.Grant(prefer, waitOptions.Value.MaxSeconds);
        if (wait is not null)
        {
            response.Headers[WaitPreference.PreferenceAppliedHeader] = $"wait={wait}";
            if (record is null || !RequestStatuses.IsFinal(record.Status))
            {
                record = await waiter.WaitForFinalAsync(admission.RequestId, viewer, TimeSpan.FromSeconds(wait.Value), cancellationToken) ?? record;
            }
        }
        if (record is not null && RequestStatuses.IsFinal(record.Status))
        {
            response.Headers.Location = statusUrl;
            return TypedResults.Ok(RequestStatusResponse.From(record, await deliveries.OfAsync(record.Id, record.WebhookUrl, cancellationToken)));
        }
        return TypedResults.Accepted(statusUrl, new SubmissionAccepted(admission.RequestId, RequestStatuses.Accepted, statusUrl));
    }
}
