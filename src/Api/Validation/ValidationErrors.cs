namespace HubSpotCrm.Api.Validation;

/// <summary>Every problem found in one request body, keyed by the JSON path of the offending field.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    /// <summary>How many fields have problems; compare before and after validating a nested object.</summary>
    public int Count => _errors.Count;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    /// <summary>Takes over the problems of a nested body (a bulk submission's item) under its path, e.g. items[3].email.</summary>
    public void AddAll(string path, ValidationErrors nested)
    {
        foreach (var (field, messages) in nested._errors)
        {
            foreach (var message in messages)
            {
                Add(field.Length == 0 ? path : JsonFields.Path(path, field), message);
            }
        }
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
