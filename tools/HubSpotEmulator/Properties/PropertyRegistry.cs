using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using HubSpotEmulator.Configuration;
using HubSpotEmulator.Objects;
using Microsoft.Extensions.Options;

namespace HubSpotEmulator.Properties;

/// <summary>Built-in and custom property definitions per object type.</summary>
internal sealed class PropertyRegistry(IOptions<EmulatorOptions> options)
{
    private static readonly string[] ContactIdentity = ["email"];

    private readonly FrozenDictionary<string, PropertyDefinition>[] builtIn =
        [.. ObjectTypes.All.Select(static t => BuiltInProperties.For(t).ToFrozenDictionary(static p => p.Name, StringComparer.Ordinal))];

    private readonly ConcurrentDictionary<string, PropertyDefinition>[] custom =
        [.. ObjectTypes.All.Select(static _ => new ConcurrentDictionary<string, PropertyDefinition>(StringComparer.Ordinal))];

    private readonly string[][] uniqueNames = [.. ObjectTypes.All.Select(static t => t == ObjectTypes.Contacts ? ContactIdentity : [])];

    private readonly Lock gate = new();

    public bool TryGet(ObjectTypeInfo type, string name, [NotNullWhen(true)] out PropertyDefinition? definition) =>
        builtIn[type.Index].TryGetValue(name, out definition) || custom[type.Index].TryGetValue(name, out definition);

    public IReadOnlyList<PropertyDefinition> List(ObjectTypeInfo type) =>
        [.. builtIn[type.Index].Values.OrderBy(static p => p.Name, StringComparer.Ordinal),
         .. custom[type.Index].Values.OrderBy(static p => p.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Properties whose values identify one object: contact <c>email</c> (HubSpot reports it without
    /// <c>hasUniqueValue</c> but enforces it) and every custom unique-value property.
    /// </summary>
    public IReadOnlyList<string> UniqueProperties(ObjectTypeInfo type) => Volatile.Read(ref uniqueNames[type.Index]);

    public bool IsUnique(ObjectTypeInfo type, string name) => UniqueProperties(type).Contains(name, StringComparer.Ordinal);

    public PropertyCreation Create(ObjectTypeInfo type, PropertyDefinition definition)
    {
        lock (gate)
        {
            if (builtIn[type.Index].ContainsKey(definition.Name) || custom[type.Index].ContainsKey(definition.Name))
            {
                return PropertyCreation.AlreadyExists;
            }

            if (definition.HasUniqueValue)
            {
                if (!options.Value.Properties.AllowUniqueProperties)
                {
                    return PropertyCreation.UniqueNotAllowed;
                }

                if (custom[type.Index].Values.Count(static p => p.HasUniqueValue) >= options.Value.Properties.MaxUniquePropertiesPerType)
                {
                    return PropertyCreation.TooManyUnique;
                }
            }

            custom[type.Index][definition.Name] = definition;
            if (definition.HasUniqueValue)
            {
                Volatile.Write(ref uniqueNames[type.Index], [.. uniqueNames[type.Index], definition.Name]);
            }

            return PropertyCreation.Created;
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            foreach (var type in ObjectTypes.All)
            {
                custom[type.Index].Clear();
                Volatile.Write(ref uniqueNames[type.Index], type == ObjectTypes.Contacts ? ContactIdentity : []);
            }
        }
    }
}
