using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.Models;
using Polly.Timeout;

namespace HubSpotCrm.Worker.HubSpot;

/// <summary>
/// HubSpot's CRM API as the consumers need it. Every method takes any number of inputs and splits them into
/// HubSpot's batches of at most 100; authentication, rate budget and retries live in the HTTP pipeline below. A
/// failure says which call failed (<see cref="HubSpotCall"/>); what to do about it is decided above this client.
/// </summary>
public sealed class HubSpotClient(HttpClient http)
{
    /// <summary>The call that asks whether the credentials work and the daily limit allows calls.</summary>
    public static readonly HubSpotCall CredentialsProbe = HubSpotCall.Get("crm/v3/properties/contacts/email");

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

    /// <summary>
    /// Links pairs of objects with the given association types (v4 <c>batch/create</c>); linking a pair again changes
    /// nothing. Pairs HubSpot refuses one by one (an object it does not know) are missing from the results, with an error.
    /// </summary>
    public async Task<AssociationCreateResponse> CreateAssociationsAsync(string fromType, string toType, IReadOnlyList<AssociationCreateInput> inputs,
        CancellationToken cancellationToken)
    {
        var results = new List<LinkedPair>(inputs.Count);
        var errors = new List<BatchError>();
        foreach (var chunk in inputs.Chunk(MaxBatchSize))
        {
            var response = await PostAsync($"crm/v4/associations/{fromType}/{toType}/batch/create", new BatchInputs<AssociationCreateInput>([.. chunk]),
                HubSpotJsonContext.Default.BatchInputsAssociationCreateInput, HubSpotJsonContext.Default.AssociationCreateResponse, cancellationToken);
            results.AddRange(response!.Results);
            errors.AddRange(response.Errors ?? []);
        }
        return new AssociationCreateResponse(results, errors);
    }

    public Task<SearchResponse?> SearchAsync(string objectType, SearchRequest request, CancellationToken cancellationToken) =>
        PostAsync($"crm/v3/objects/{objectType}/search", request,
            HubSpotJsonContext.Default.SearchRequest, HubSpotJsonContext.Default.SearchResponse, cancellationToken);

    /// <summary>
    /// Asks HubSpot about <paramref name="call"/> without changing anything: a batch call is sent with no inputs, a GET
    /// as it is. Returns once HubSpot answers it (success, or an answer about the empty request itself), and throws
    /// the reason while it still refuses (401, 403, the daily limit) or fails (5xx, timeouts).
    /// </summary>
    public async Task ProbeAsync(HubSpotCall call, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(call, call.Method == HttpMethod.Get
            ? () => http.GetAsync(call.Path, cancellationToken)
            : () => http.PostAsync(call.Path, new StringContent("""{"inputs":[]}""", System.Text.Encoding.UTF8, "application/json"), cancellationToken));
        EnsureSuccess(call, response);
    }

    public async Task<PropertyDefinition?> GetPropertyAsync(string objectType, string name, CancellationToken cancellationToken)
    {
        var call = HubSpotCall.Get($"crm/v3/properties/{objectType}/{Uri.EscapeDataString(name)}");
        using var response = await SendAsync(call, () => http.GetAsync(call.Path, cancellationToken));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        EnsureSuccess(call, response);
        return await response.Content.ReadFromJsonAsync(HubSpotJsonContext.Default.PropertyDefinition, cancellationToken);
    }

    public async Task CreatePropertyAsync(string objectType, PropertyDefinition property, CancellationToken cancellationToken)
    {
        var call = HubSpotCall.Post($"crm/v3/properties/{objectType}");
        using var response = await SendAsync(call, () => http.PostAsJsonAsync(call.Path, property, HubSpotJsonContext.Default.PropertyDefinition, cancellationToken));
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            EnsureSuccess(call, response);
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
        var call = HubSpotCall.Post(path);
        using var response = await SendAsync(call, () => http.PostAsJsonAsync(path, body, requestType, cancellationToken));
        if (notFoundIsEmpty && response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        EnsureSuccess(call, response);
        return await response.Content.ReadFromJsonAsync(responseType, cancellationToken);
    }

    /// <summary>Failures the pipeline gave up on become <see cref="HubSpotTransientException"/>.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HubSpotCall call, Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException)
        {
            throw new HubSpotTransientException($"HubSpot could not be reached for {call}: {exception.Message}", exception) { Call = call };
        }
    }

    private static void EnsureSuccess(HubSpotCall call, HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw HubSpotErrors.ToException(call, response);
        }
    }
}
