using System.Globalization;
using HubSpotEmulator.Configuration;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Properties;
using Microsoft.Extensions.Options;

namespace HubSpotEmulator.Objects;

/// <summary>Finds an object by record id or by a unique property (<c>idProperty</c>), without locking.</summary>
internal sealed class ObjectLookup(ObjectStore objects, PropertyRegistry registry, IOptions<EmulatorOptions> options)
{
    public const string RecordIdProperty = "hs_object_id";

    /// <returns>An error when <paramref name="idProperty"/> cannot identify objects; otherwise null, with <paramref name="found"/> null when nothing matches.</returns>
    public InputError? TryFind(ObjectTypeInfo type, string? id, string? idProperty, string operation, out CrmObject? found)
    {
        found = null;
        if (idProperty is null or RecordIdProperty)
        {
            if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var recordId))
            {
                found = objects[type].Find(recordId);
            }

            return null;
        }

        if (registry.IsUnique(type, idProperty))
        {
            found = id is null ? null : objects[type].FindByUniqueValue(idProperty, id);
            return null;
        }

        return registry.TryGet(type, idProperty, out _)
            ? InputError.BadRequest($"Unable to perform {operation} by non-unique {type.TypeId} property {idProperty} in portal ID {options.Value.HubId}")
            : InputError.BadRequest($"Property \"{idProperty}\" does not exist");
    }
}
