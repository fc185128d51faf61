using System.ComponentModel;
using System.Globalization;
using HubSpotCrm.Api.Diagnostics;
using HubSpotCrm.Api.Idempotency;
using HubSpotCrm.Api.OpenApi.Schemas;
using HubSpotCrm.Api.Requests;
using HubSpotCrm.Api.Submissions;
using HubSpotCrm.Api.Validation;
using HubSpotCrm.Api.Waiting;
using HubSpotCrm.Api.Webhooks;
using HubSpotCrm.Contracts.Commands;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Batches;

/// <summary>Bulk submissions: POST /api/v1/hubspot/{contacts|companies}/batch, and the batch they create, with its items.</summary>
public static class BatchEndpoints
{
    private const string PreferDescription =
        "`partial`: accept the valid items and list the invalid ones in the answer, instead of refusing the whole batch with 422. " +
        "`wait=N` (RFC 7240): wait up to N seconds for every item to be final and answer 200 with the batch, as GET /api/v1/batches/{id} would.";

    private const string SubmitDescription =
        "Each item is validated as the single submission of the route is. An invalid item refuses the batch (422, every problem " +
        "keyed by the item: items[i].field, or lines[n].field for NDJSON line n) and nothing is stored, unless `Prefer: partial` is sent. " +
        "Items naming the same object (the same email, the same normalized domain) are one request: later items' properties win, " +
        "and the answer lists them under `duplicates`. 202 means every request of the batch is recorded and its command confirmed " +
        "by the broker. More items than the cap is 422 naming `items` (or `lines`); a body over the size cap is 413.";

    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public static RouteGroupBuilder MapBatchEndpoints(this RouteGroupBuilder api)
    {
        var submit = api.MapGroup("/hubspot")
            .WithTags("Bulk submissions")
            .WithMetadata(new CreatesRequestMetadata())
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        submit.MapBatchSubmission<UpsertContact, ContactBatchSubmission>(BatchableCommands.Contacts);
        submit.MapBatchSubmission<UpsertCompany, CompanyBatchSubmission>(BatchableCommands.Companies);

        var batches = api.MapGroup("/batches").WithTags("Bulk submissions");
        batches.MapGet("/{id:guid}", GetBatch)
            .WithName("GetBatch")
            .WithSummary("A bulk submission: accepted until every item is final, then completed, with counts per status.")
            .WithDescription("Visible to the client that submitted it and to operators; to anyone else it is a 404. `Prefer: wait=N` " +
                             "waits up to N seconds for the batch to complete.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        batches.MapGet("/{id:guid}/items", ListItems)
            .WithName("ListBatchItems")
            .WithSummary("A bulk submission's requests in item order, each with its own request id and status, in pages.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static void MapBatchSubmission<TCommand, TBody>(this RouteGroupBuilder hubspot, BatchableCommand<TCommand> batchable)
        where TCommand : class
        where TBody : notnull
    {
        hubspot.MapPost($"/{batchable.Route}/batch", (
                HttpContext context,
                [FromHeader(Name = IdempotencyKey.HeaderName), Description("As for single submissions: the same key and body answer with the batch the first one created.")] string? idempotencyKey,
                [FromHeader(Name = PreferHeader.Name), Description(PreferDescription)] string? prefer,
                [FromHeader(Name = CallbackTargets.CallbackUrlHeader), Description(CallbackTargets.CallbackUrlDescription + " One callback for the batch, once it is completed; its items get none of their own.")] string? callbackUrl,
                BatchSubmissionHandler handler,
                ISubmissionValidator<TCommand> validator,
                CancellationToken cancellationToken) => handler.HandleAsync(context, batchable, validator, idempotencyKey, prefer, callbackUrl, cancellationToken))
            .WithName($"Submit{char.ToUpperInvariant(batchable.Route[0])}{batchable.Route[1..]}Batch")
            .WithSummary($"Submit up to the cap of {batchable.Route} at once, as JSON or as an NDJSON upload.")
            .WithDescription(SubmitDescription)
            .Accepts<TBody>("application/json", NdjsonBatchBody.MediaType);
    }

    private static async Task<Results<Ok<BatchStatusResponse>, ProblemHttpResult>> GetBatch(
        Guid id,
        [FromHeader(Name = PreferHeader.Name), Description("`wait=N`: wait up to N seconds for every item to be final (RFC 7240).")] string? prefer,
        HttpContext http,
        BatchStore store,
        BatchCompletionWaiter waiter,
        WebhookDeliveryStore deliveries,
        IOptions<WaitOptions> waitOptions,
        CancellationToken cancellationToken)
    {
        var batch = await store.FindAsync(id, RequestViewer.Of(http.User), cancellationToken);
        if (batch is null)
        {
            return NotFound(id);
        }
        if (WaitPreference.Grant(prefer, waitOptions.Value.MaxSeconds) is { } wait)
        {
            http.Response.Headers[PreferHeader.AppliedName] = $"wait={wait}";
            await waiter.WaitForFinalAsync(id, TimeSpan.FromSeconds(wait), cancellationToken);
        }
        return TypedResults.Ok(BatchStatusResponse.From(batch, await store.ProgressAsync(id, cancellationToken),
            await deliveries.OfAsync(batch.Id, batch.WebhookUrl, cancellationToken)));
    }

    private static async Task<Results<Ok<BatchItemPage>, ProblemHttpResult>> ListItems(
        Guid id,
        [Description("accepted, succeeded or failed: only the items with that status.")] string? status,
        [Description($"Page size, 1 to 1000; 100 when omitted.")] string? limit,
        [Description("The `next` of the previous page.")] string? after,
        HttpContext http,
        BatchStore store,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (status is not null && !RequestStatuses.All.Contains(status))
        {
            errors.Add("status", $"Must be one of {string.Join(", ", RequestStatuses.All)}.");
        }
        var size = DefaultPageSize;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            errors.Add("limit", $"Must be a whole number from 1 to {MaxPageSize}.");
        }
        var afterIndex = -1;
        if (after is not null && (!int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out afterIndex)))
        {
            errors.Add("after", "Must be the `next` of an earlier page.");
        }
        if (errors.HasErrors)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Invalid query parameters",
                Detail = "See 'errors' for every invalid parameter and what it must be.",
            });
        }
        if (await store.FindAsync(id, RequestViewer.Of(http.User), cancellationToken) is null)
        {
            return NotFound(id);
        }
        var rows = await store.ItemsAsync(id, afterIndex, size, status, cancellationToken);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? page[^1].BatchIndex!.Value.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new BatchItemPage([.. page.Select(r => new BatchItemResponse(r.BatchIndex!.Value, RequestStatusResponse.From(r)))], next));
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Batch not found", detail: $"No batch has the id {id}.");
}
