using System.Text;
using System.Text.Json;

namespace HubSpotEmulator.Errors;

/// <summary>
/// Why one input (or a whole request) failed. The same value renders as a whole-request error body
/// or, inside a 207 response, as a per-input <see cref="StandardError"/>.
/// </summary>
internal sealed record InputError(
    int HttpStatus,
    string Category,
    string Message,
    IReadOnlyList<ErrorDetail>? Details = null,
    IReadOnlyDictionary<string, string[]>? Context = null,
    string? SubCategory = null)
{
    private static readonly IReadOnlyDictionary<string, string> NoLinks = new Dictionary<string, string>();

    public static InputError Validation(IReadOnlyList<PropertyProblem> problems, long portalId) => new(
        StatusCodes.Status400BadRequest,
        "VALIDATION_ERROR",
        "Property values were not valid: " + DescribeProblems(problems, portalId),
        [.. problems.Select(static p => new ErrorDetail(p.Message, p.Code, new Dictionary<string, string[]> { ["propertyName"] = [p.Name] }))]);

    public static InputError BadRequest(string message, IReadOnlyDictionary<string, string[]>? context = null) =>
        new(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", message, Context: context);

    /// <summary>HubSpot's answer to a body whose model lacks fields it requires, e.g. <c>[id, properties]</c>.</summary>
    public static InputError RequiredFieldsMissing(IEnumerable<string> fields) =>
        BadRequest($"Invalid input JSON: Some required fields were not set: [{string.Join(", ", fields)}]");

    /// <summary>The body HubSpot gives for an unknown id (captured for non-numeric ids; reused for all, a guess).</summary>
    public static InputError ObjectNotFound(string id) => new(
        StatusCodes.Status404NotFound,
        "OBJECT_NOT_FOUND",
        "Object not found.  objectId are usually numeric.",
        Context: new Dictionary<string, string[]> { ["id"] = [id] });

    public static InputError UnknownObjectType(string name) => BadRequest($"Unable to infer object type from: {name}");

    /// <summary>HubSpot's answer to a call the app's granted scopes do not cover (the scope it names is a guess from the path).</summary>
    public static InputError MissingScopes(PathString path) => new(
        StatusCodes.Status403Forbidden,
        "MISSING_SCOPES",
        "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
        [new ErrorDetail("One or more of the following scopes are required.", null,
            new Dictionary<string, string[]> { ["requiredScopes"] = [RequiredScope(path)] })]);

    private static string RequiredScope(PathString path)
    {
        var segments = path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        var type = segments.Length > 3 && segments[1] == "v3" && segments[2] == "objects" ? segments[3] : "contacts";
        var write = segments.Any(s => s is "create" or "update" or "upsert" or "archive");
        return $"crm.objects.{type}.{(write ? "write" : "read")}";
    }

    public static InputError Conflict(string message) => new(StatusCodes.Status409Conflict, "CONFLICT", message);

    public static InputError MissingObjects(string typeUpperName, IEnumerable<string> ids) => new(
        StatusCodes.Status404NotFound,
        "OBJECT_NOT_FOUND",
        $"Could not get some {typeUpperName} objects, they may be deleted or not exist. Check that ids are valid.",
        Context: new Dictionary<string, string[]> { ["ids"] = [.. ids] });

    /// <summary>What HubSpot's v4 batch read reports for an object that has no associations of the requested type.</summary>
    public static InputError NoAssociations(string fromSingular, string toSingular, string id) => new(
        StatusCodes.Status404NotFound,
        "OBJECT_NOT_FOUND",
        $"No {toSingular} is associated with {fromSingular} {id}.",
        Context: new Dictionary<string, string[]> { ["ids"] = [id] },
        SubCategory: "crm.associations.NO_ASSOCIATIONS_FOUND");

    public ErrorBody ToBody(string correlationId) => new("error", Message, correlationId, Context, Details, Category, SubCategory);

    public StandardError ToStandardError(string? objectWriteTraceId)
    {
        var context = Context is null ? new Dictionary<string, string[]>() : new Dictionary<string, string[]>(Context);
        if (objectWriteTraceId is not null)
        {
            context["objectWriteTraceId"] = [objectWriteTraceId];
        }

        return new StandardError("error", Category, SubCategory, Message, context, Details ?? [], NoLinks);
    }

    /// <summary>HubSpot embeds its validation results as JSON inside the message string; this reproduces that text.</summary>
    private static string DescribeProblems(IReadOnlyList<PropertyProblem> problems, long portalId)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Json.EmulatorJson.Encoder }))
        {
            writer.WriteStartArray();
            foreach (var problem in problems)
            {
                writer.WriteStartObject();
                writer.WriteBoolean("isValid", false);
                writer.WriteString("message", problem.Message);
                writer.WriteString("error", problem.Code);
                writer.WriteString("name", problem.Name);
                writer.WriteString("localizedErrorMessage", problem.Message);
                writer.WriteNumber("portalId", portalId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
