using System.Globalization;
using HubSpotEmulator.Associations;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Objects;
using HubSpotEmulator.Properties;

namespace HubSpotEmulator.Search;

/// <summary>One search filter, checked once and then evaluated against many objects.</summary>
internal sealed class CompiledFilter
{
    private const string AssociationsPrefix = "associations.";

    private static readonly HashSet<string> Operators =
        ["EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN"];

    private static readonly HashSet<string> AssociationOperators = ["EQ", "NEQ", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY"];

    private readonly string operation;
    private readonly string property;
    private readonly ValueKind kind;
    private readonly ObjectTypeInfo? associatedType;
    private readonly string value;
    private readonly string highValue;
    private readonly IReadOnlyList<string> values;

    private CompiledFilter(SearchFilter filter, ValueKind kind, ObjectTypeInfo? associatedType)
    {
        operation = filter.Operator!;
        property = filter.PropertyName!;
        this.kind = kind;
        this.associatedType = associatedType;
        value = filter.Value ?? "";
        highValue = filter.HighValue ?? "";
        values = [.. (filter.Values ?? []).Select(static v => v ?? "")];
    }

    public static InputError? TryCompile(ObjectTypeInfo type, SearchFilter filter, PropertyRegistry registry, out CompiledFilter? compiled)
    {
        compiled = null;
        if (string.IsNullOrEmpty(filter.PropertyName) || filter.Operator is null || !Operators.Contains(filter.Operator))
        {
            return InputError.BadRequest($"Each filter needs a propertyName and an operator out of: {string.Join(", ", Operators)}.");
        }

        var needs = filter.Operator switch
        {
            "BETWEEN" => filter.Value is null || filter.HighValue is null ? "value and highValue" : null,
            "IN" or "NOT_IN" => filter.Values is not { Count: > 0 } ? "values" : null,
            "HAS_PROPERTY" or "NOT_HAS_PROPERTY" => null,
            _ => filter.Value is null ? "value" : null,
        };
        if (needs is not null)
        {
            return InputError.BadRequest($"The {filter.Operator} filter on {filter.PropertyName} needs {needs}.");
        }

        if (filter.PropertyName.StartsWith(AssociationsPrefix, StringComparison.Ordinal))
        {
            if (!ObjectTypes.TryResolve(filter.PropertyName[AssociationsPrefix.Length..], out var associated)
                || AssociationKinds.Between(type, associated) is null
                || !AssociationOperators.Contains(filter.Operator))
            {
                return InputError.BadRequest($"Cannot filter {type.Name} by {filter.PropertyName} with {filter.Operator}.");
            }

            compiled = new CompiledFilter(filter, ValueKind.Text, associated);
            return null;
        }

        if (!registry.TryGet(type, filter.PropertyName, out var definition))
        {
            return InputError.BadRequest($"Property \"{filter.PropertyName}\" does not exist");
        }

        compiled = new CompiledFilter(filter, ValueKinds.Of(definition), null);
        return null;
    }

    public bool Matches(CrmObject target, ObjectVersion version, AssociationStore associations)
    {
        if (associatedType is not null)
        {
            var linked = associations.List(new ObjectRef(target.Type, target.Id), associatedType);
            bool Linked(string id) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && Array.Exists(linked, t => t.Id == n);
            return operation switch
            {
                "EQ" => Linked(value),
                "NEQ" => !Linked(value),
                "IN" => values.Any(Linked),
                "NOT_IN" => !values.Any(Linked),
                "HAS_PROPERTY" => linked.Length > 0,
                _ => linked.Length == 0,
            };
        }

        var stored = version.Properties.GetValueOrDefault(property);
        return operation switch
        {
            "EQ" => stored is not null && ValueKinds.Compare(kind, stored, value) == 0,
            "NEQ" => stored is null || ValueKinds.Compare(kind, stored, value) != 0,
            "LT" => stored is not null && ValueKinds.Compare(kind, stored, value) < 0,
            "LTE" => stored is not null && ValueKinds.Compare(kind, stored, value) <= 0,
            "GT" => stored is not null && ValueKinds.Compare(kind, stored, value) > 0,
            "GTE" => stored is not null && ValueKinds.Compare(kind, stored, value) >= 0,
            "BETWEEN" => stored is not null && ValueKinds.Compare(kind, stored, value) >= 0 && ValueKinds.Compare(kind, stored, highValue) <= 0,
            "IN" => stored is not null && values.Any(v => InListEquals(stored, v)),
            "NOT_IN" => stored is null || !values.Any(v => InListEquals(stored, v)),
            "HAS_PROPERTY" => stored is not null,
            "NOT_HAS_PROPERTY" => stored is null,
            "CONTAINS_TOKEN" => stored is not null && TokenMatcher.Matches(stored, value),
            _ => stored is null || !TokenMatcher.Matches(stored, value),
        };
    }

    /// <summary>HubSpot documents that IN/NOT_IN values for text properties must be lower case: upper-case values never match.</summary>
    private bool InListEquals(string stored, string candidate) => kind == ValueKind.Text
        ? string.Equals(stored.ToLowerInvariant(), candidate, StringComparison.Ordinal)
        : ValueKinds.Compare(kind, stored, candidate) == 0;
}
