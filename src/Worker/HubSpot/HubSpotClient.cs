using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using HubSpotCrm.Worker.Availability;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.Models;
using Polly.Timeout;

namespace HubSpotCrm.Worker.HubSpot;

/// <summary>
/// HubSpot's CRM API as the consumers need it. Every method takes any number of inputs and splits them into
/// HubSpot's batches of at most 100; authentication, rate budget and retries live in the HTTP pipeline below.
/// While the Worker is paused no call goes out, except the probe that checks whether HubSpot is back.
/// </summary>
public sealed class HubSpotClient(HttpClient http, HubSpotAvailability availability)
{
    public const int MaxBatchSize = 100;

    public Task<BatchResult> BatchUpsertAsync(string objectType, IReadOnlyList<UpsertInput> inputs, CancellationToken cancellationToken) =>
        BatchWriteAsync($"crm/v3/objects/{objectType}/batch/upsert", inputs, HubSpotJsonContext.Default.BatchInputsUpsertInput, cancellationToken);

    public Task<BatchResult> BatchCreateAsync(string objectType, IReadOnlyList<CreateInput> inputs, CancellationToken cancellationToken) =>
        BatchWriteAsync($"crm/v3/objects/{objectType}/batch/create", inputs, HubSpotJsonContext.Default.BatchInputsCreateInput, cancellationToken);

    public Task<BatchResult> BatchUpdateAsync(string objectType, IReadOnlyList<UpdateInput> inputs, CancellationToken cancellationToken) =>
        BatchWriteAsync($"crm/v3/objects/{objectType}/batch/update", inputs, HubSpotJsonContext.Default.BatchInputsUpdateInput, cancellationToken);

    /// <summary>Reads objects by id (or by <paramref name="idProperty"/>); ids HubSpot does not know are simply missing from the results.</summary>
    public async Task<BatchResult> BatchReadAsync(string objectType, IReadOnlyCollection<string> ids, IReadOnlyList<string> properties,
        CancellationToken cancellationToken, string? idProperty = null)
    {
        var results = new List<HubSpotObject>(ids.Count);
        var errors = new List<BatchError>();
        foreach (var chunk in ids.Distinct().Chunk(MaxBatchSize))
        {
            var request = new BatchReadRequest([.. chunk.Select(id => new ObjectId(id))], [.. properties], idProperty);
            var response = await PostAsync($"crm/v3/objects/{objectType}/batch/read", request,
                HubSpotJsonContext.Default.BatchReadRequest, HubSpotJsonContext.Default.BatchResponse, cancellationToken, notFoundIsEmpty: true);
            if (response is not null)
            {
                results.AddRange(response.Results);
                errors.AddRange(response.Errors ?? []);
            }
        }
        return new BatchResult(results, errors);
    }

    /// <summary>For each source object, the ids of the <paramref name="toType"/> objects it is associated with.</summary>
    public async Task<IReadOnlyDictionary<string, List<string>>> ReadAssociationsAsync(string fromType, string toType,
        IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var associations = ids.Distinct().ToDictionary(id => id, _ => new List<string>());
        var pending = ids.Distinct().Select(id => new AssociationBatchReadInput(id)).ToList();
        while (pending.Count > 0)
        {
            var next = new List<AssociationBatchReadInput>();
            foreach (var chunk in pending.Chunk(MaxBatchSize))
            {
                var response = await PostAsync($"crm/v4/associations/{fromType}/{toType}/batch/read", new BatchInputs<AssociationBatchReadInput>([.. chunk]),
                    HubSpotJsonContext.Default.BatchInputsAssociationBatchReadInput, HubSpotJsonContext.Default.AssociationBatchResponse,
                    cancellationToken, notFoundIsEmpty: true);
                foreach (var result in response?.Results ?? [])
                {
                    if (associations.TryGetValue(result.From.Id, out var targets))
                    {
                        targets.AddRange(result.To.Select(t => t.ToObjectId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    }
                    if (result.Paging?.Next?.After is { } after)
                    {
                        next.Add(new AssociationBatchReadInput(result.From.Id, after));
                    }
                }
            }
            pending = next;
        }
        return associations;
    }

    public Task<SearchResponse?> SearchAsync(string objectType, SearchRequest request, CancellationToken cancellationToken) =>
        PostAsync($"crm/v3/objects/{objectType}/search", request,
            HubSpotJsonContext.Default.SearchRequest, HubSpotJsonContext.Default.SearchResponse, cancellationToken);

    /// <summary>
    /// One cheap authenticated call that ignores the pause: it succeeds once the credentials work, the daily limit has
    /// reset and HubSpot answers, and throws the reason otherwise.
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => http.GetAsync("crm/v3/properties/contacts/email", cancellationToken), probe: true);
        await EnsureSuccessAsync(response, cancellationToken);
    }

    public async Task<PropertyDefinition?> GetPropertyAsync(string objectType, string name, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => http.GetAsync($"crm/v3/properties/{objectType}/{Uri.EscapeDataString(name)}", cancellationToken));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync(HubSpotJsonContext.Default.PropertyDefinition, cancellationToken);
    }

    public async Task CreatePropertyAsync(string objectType, PropertyDefinition property, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => http.PostAsJsonAsync($"crm/v3/properties/{objectType}", property,
            HubSpotJsonContext.Default.PropertyDefinition, cancellationToken));
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            await EnsureSuccessAsync(response, cancellationToken);
        }
    }

    private async Task<BatchResult> BatchWriteAsync<TInput>(string path, IReadOnlyList<TInput> inputs,
        JsonTypeInfo<BatchInputs<TInput>> typeInfo, CancellationToken cancellationToken)
    {
        if (inputs.Count == 0)
        {
            return BatchResult.Empty;
        }
        var results = new List<HubSpotObject>(inputs.Count);
        var errors = new List<BatchError>();
        foreach (var chunk in inputs.Chunk(MaxBatchSize))
        {
            var response = await PostAsync(path, new BatchInputs<TInput>([.. chunk]), typeInfo, HubSpotJsonContext.Default.BatchResponse, cancellationToken);
            results.AddRange(response!.Results);
            errors.AddRange(response.Errors ?? []);
        }
        return new BatchResult(results, errors);
    }

    private async Task<TResponse?> PostAsync<TRequest, TResponse>(string path, TRequest body, JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken, bool notFoundIsEmpty = false)
        where TResponse : class
    {
        using var response = await SendAsync(() => http.PostAsJsonAsync(path, body, requestType, cancellationToken));
        if (notFoundIsEmpty && response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync(responseType, cancellationToken);
    }

    /// <summary>Failures the pipeline gave up on become <see cref="HubSpotTransientException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, bool probe = false)
    {
        if (!probe && availability.Pause is { } pause)
        {
            throw new HubSpotUnavailableException(pause.Reason, $"The Worker is paused: {pause.Message}");
        }
        try
        {
            return await send();
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException)
        {
            throw new HubSpotTransientException($"HubSpot could not be reached: {exception.Message}", exception);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await HubSpotErrors.ToExceptionAsync(response, cancellationToken);
        }
    }
}
