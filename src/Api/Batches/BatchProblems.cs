using HubSpotCrm.Api.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HubSpotCrm.Api.Batches;

/// <summary>The answers to a bulk submission that cannot be taken, each saying what to change.</summary>
public static class BatchProblems
{
    public static ProblemHttpResult UnsupportedMediaType() =>
        TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
            detail: $"Send the batch as JSON ('Content-Type: application/json', {{\"{JsonBatchBody.ItemsField}\": [ … ]}}) or as NDJSON " +
                    $"('Content-Type: {NdjsonBatchBody.MediaType}', one item per line).");

    public static ProblemHttpResult Shape(IEnumerable<string> unknownFields, string howTo)
    {
        var errors = new ValidationErrors();
        errors.Add(JsonBatchBody.ItemsField, howTo);
        foreach (var field in unknownFields)
        {
            errors.Add(field, $"Unknown field; a batch body has only '{JsonBatchBody.ItemsField}'.");
        }
        return Invalid(errors, "The batch body is not a list of items");
    }

    /// <summary>422, not 413: the body's size may be fine, its number of items is what is over the cap.</summary>
    /// <param name="count">How many there are; null when reading stopped at the cap.</param>
    public static ProblemHttpResult TooManyItems(string field, int? count, int max, string howTo)
    {
        var errors = new ValidationErrors();
        errors.Add(field, $"At most {max} items per batch, got {(count is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "more")}; {howTo}.");
        return Invalid(errors, "Too many items in one batch");
    }

    public static ProblemHttpResult InvalidItems(ValidationErrors errors, int refused, int total) =>
        Invalid(errors, $"{refused} of {total} items are invalid",
            "See 'errors' for every invalid item, by index (items[i]) or NDJSON line number (lines[n]), and what is wrong with it. " +
            "Nothing was stored. Send 'Prefer: partial' to accept the valid items and have the others reported.");

    public static ProblemHttpResult TooLarge(long maxBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Upload too large",
            detail: $"An NDJSON upload must be at most {maxBytes} bytes; split it into several uploads.");

    public static ProblemHttpResult LineTooLong(int line, int maxBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "NDJSON line too long",
            detail: $"Line {line} is longer than {maxBytes} bytes, the most one item may take.");

    private static ProblemHttpResult Invalid(ValidationErrors errors, string title, string? detail = null) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = title,
            Detail = detail ?? "See 'errors'.",
        });
}
