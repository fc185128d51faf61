using HubSpotEmulator.Associations;
using HubSpotEmulator.Configuration;
using HubSpotEmulator.Json;
using HubSpotEmulator.Objects.Contracts;
using Microsoft.Extensions.Options;

namespace HubSpotEmulator.Objects;

/// <summary>Builds the JSON shape of objects as HubSpot returns them.</summary>
internal sealed class ObjectResponses(AssociationStore associations, IOptions<EmulatorOptions> options)
{
    private readonly bool writeMissingAsNull = !options.Value.Objects.OmitMissingProperties;

    /// <summary>A read: only the selected properties, optionally with the v3 <c>associations</c> block.</summary>
    public ObjectResponse Selected(
        CrmObject target,
        ObjectVersion version,
        IReadOnlyList<string> names,
        IReadOnlyList<ObjectTypeInfo>? associatedTypes = null) => new(
            target.IdText,
            new PropertyBag(names, version.Properties, writeMissingAsNull),
            target.CreatedAt.Text,
            version.UpdatedAt.Text,
            version.Archived,
            version.ArchivedAt?.Text,
            associatedTypes is { Count: > 0 } ? Associated(target, associatedTypes) : null);

    /// <summary>A write result: every property the object has, as HubSpot returns after create and update.</summary>
    public static ObjectResponse Written(CrmObject target, bool? isNew = null, string? objectWriteTraceId = null)
    {
        var version = target.Current;
        return new ObjectResponse(
            target.IdText,
            PropertyBag.All(version.Properties),
            target.CreatedAt.Text,
            version.UpdatedAt.Text,
            version.Archived,
            version.ArchivedAt?.Text,
            IsNew: isNew,
            ObjectWriteTraceId: objectWriteTraceId);
    }

    private Dictionary<string, AssociatedIds>? Associated(CrmObject target, IReadOnlyList<ObjectTypeInfo> types)
    {
        Dictionary<string, AssociatedIds>? result = null;
        foreach (var toType in types)
        {
            var targets = associations.List(new ObjectRef(target.Type, target.Id), toType);
            if (targets.Length == 0)
            {
                continue;
            }

            var direction = AssociationKinds.Between(target.Type, toType)!;
            result ??= [];
            result[toType.Name] = new AssociatedIds([.. targets.SelectMany(t => AssociationService.V3Ids(direction, t))]);
        }

        return result;
    }
}
