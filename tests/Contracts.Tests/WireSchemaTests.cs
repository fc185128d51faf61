using System.Reflection;
using System.Text.Json.Serialization;
using HubSpotCrm.Contracts.Catalogue;
using HubSpotCrm.TestSupport;
using Json.Schema;

namespace HubSpotCrm.Contracts.Tests;

/// <summary>
/// The schema files are the one description of each wire form; the records .NET publishers use must say the same, and
/// every message of the catalogue has its schema.
/// </summary>
public sealed class WireSchemaTests
{
    public static TheoryData<string> Names => [.. WireSchemas.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_message_of_the_catalogue_has_a_draft_2020_12_schema_named_after_it(string name)
    {
        var text = WireSchemas.Text(name);

        Assert.NotNull(text);
        Assert.NotNull(WireFormats.Schema(name));
        var root = WireSchemas.Of(name);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Equal(WireSchemas.FileName(name), root.GetProperty("$id").GetString());
        Assert.Equal(TypeOf(name).Name, root.GetProperty("title").GetString());
    }

    [Fact]
    public void Names_queues_and_request_kinds_are_unique_and_stable()
    {
        var commands = CommandCatalogue.Commands;

        Assert.Equal(commands.Count, commands.Select(c => c.Name).Distinct().Count());
        var kinds = commands.Where(c => c.BulkOf is null).ToList();
        Assert.Equal(kinds.Count, kinds.Select(c => c.RequestKind).Distinct().Count());
        Assert.All(commands.Where(c => c.BulkOf is not null), c =>
        {
            Assert.Equal(c.BulkOf!.RequestKind, c.RequestKind);
            Assert.Equal(c.BulkOf.Result, c.Result);
            Assert.Same(c.BulkOf, CommandCatalogue.ForRequestKind(c.RequestKind));
        });
        Assert.All(commands, c => Assert.Equal($"hubspot.{c.Name}", c.Queue));
        Assert.All(CommandCatalogue.Events, e => Assert.Equal($"hubspot.{e.Name}", e.Exchange));
        Assert.Null(WireSchemas.Text("../HubSpotCrm.Contracts"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void The_record_has_exactly_the_fields_of_the_schema_and_requires_what_it_requires(string name)
    {
        var type = TypeOf(name);
        // Commands come from any publisher: what must be there is [JsonRequired]. Events come from the Worker: what can be null is optional.
        Func<PropertyInfo, bool> required = CommandCatalogue.ForName(name) is null ? IsNonNullable : p => p.GetCustomAttribute<JsonRequiredAttribute>() is not null;
        Compare(type, WireSchemas.Of(name), name, required);
    }

    private static void Compare(Type type, JsonElement schema, string path, Func<PropertyInfo, bool> isRequired)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract").ToList();
        var declared = schema.GetProperty("properties");
        Assert.Equal(properties.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order(), declared.EnumerateObject().Select(p => p.Name).Order());
        var required = schema.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(n => n.GetString()!).Order().ToList() : [];
        Assert.True(required.SequenceEqual(properties.Where(isRequired).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name)).Order()),
            $"{path}: the schema requires [{string.Join(", ", required)}]");
        foreach (var property in properties)
        {
            var nested = declared.GetProperty(JsonNamingPolicy.CamelCase.ConvertName(property.Name));
            if (ItemType(property.PropertyType) is { } item && nested.TryGetProperty("items", out var items) && items.TryGetProperty("properties", out _))
            {
                Compare(item, items, $"{path}.{property.Name}[]", isRequired);
            }
            else if (IsRecord(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType))
            {
                Compare(property.PropertyType, nested, $"{path}.{property.Name}", isRequired);
            }
        }
    }

    [Fact]
    public void A_bulk_command_carries_its_item_command_by_reference_as_many_as_its_record_says()
    {
        var contacts = WireSchemas.Of(CommandCatalogue.UpsertContacts.Name).GetProperty("properties").GetProperty("contacts");

        Assert.Equal(WireSchemas.FileName(CommandCatalogue.UpsertContact.Name), contacts.GetProperty("items").GetProperty("$ref").GetString());
        Assert.Equal(Commands.UpsertContacts.MaxContacts, contacts.GetProperty("maxItems").GetInt32());
        Assert.True(WireFormats.Schema(CommandCatalogue.UpsertContacts.Name).Evaluate(
            JsonDocument.Parse("""{"contacts":[{"requestId":"5f0c8a9e-3b7e-4c1a-9a52-0d5f0e6f7a10","email":"bad"}]}""").RootElement, WireFormats.Options).IsValid is false);
    }

    private static Type TypeOf(string name) =>
        CommandCatalogue.ForName(name)?.MessageType ?? CommandCatalogue.Events.Single(e => e.Name == name).MessageType;

    private static Type? ItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;

    private static bool IsRecord(Type type) => type.Namespace?.StartsWith("HubSpotCrm.Contracts", StringComparison.Ordinal) == true && type.IsClass;

    private static readonly NullabilityInfoContext Nullability = new();

    private static bool IsNonNullable(PropertyInfo property) =>
        property.PropertyType.IsValueType ? Nullable.GetUnderlyingType(property.PropertyType) is null : Nullability.Create(property).ReadState == NullabilityState.NotNull;
}
