using HubSpotEmulator.Errors;

namespace HubSpotEmulator.Http;

/// <summary>
/// HubSpot refuses a body whose inputs lack a field its models require, before it writes anything. Only fields
/// HubSpot really insists on are checked: its specs also mark search's after, limit, properties, sorts and
/// filterGroups, batch read's properties and propertiesWithHistory and create's associations as required, yet HubSpot
/// answers requests without them (the README lists the evidence).
/// </summary>
internal static class RequiredFields
{
    public static InputError? Check<T>(IEnumerable<T?> inputs, params (string Name, Func<T, bool> IsSet)[] fields)
        where T : class
    {
        var all = inputs as IReadOnlyCollection<T?> ?? [.. inputs];
        var missing = fields.Where(f => all.Any(i => i is null || !f.IsSet(i))).Select(static f => f.Name).ToList();
        return missing.Count == 0 ? null : InputError.RequiredFieldsMissing(missing);
    }
}
