using System.Globalization;
using HubSpotEmulator.Associations;
using HubSpotEmulator.Configuration;
using HubSpotEmulator.Errors;
using HubSpotEmulator.Objects.Contracts;
using HubSpotEmulator.Properties;
using Microsoft.Extensions.Options;

namespace HubSpotEmulator.Objects;

/// <summary>
/// Creates, updates, upserts and archives objects. Each request runs under its type's write lock, so a batch
/// checks uniqueness and applies its inputs without interleaving with other writers.
/// </summary>
internal sealed class ObjectWriter(
    ObjectStore objects,
    ObjectLookup lookup,
    PropertyRegistry registry,
    PropertyValueValidator validator,
    AssociationStore associations,
    RuntimeSettingsStore settings,
    TimeProvider clock,
    IOptions<EmulatorOptions> options)
{
    /// <param name="atomic">true: the first failing input fails the whole request and nothing is written; false: per-input outcomes (207).</param>
    public WriteResult Write(ObjectTypeInfo type, WriteKind kind, IReadOnlyList<WriteInput> inputs, bool atomic)
    {
        if (kind != WriteKind.Create && DuplicateIds(inputs) is { Count: > 0 } duplicates)
        {
            return WriteResult.Failed(InputError.BadRequest(
                $"Duplicate IDs found in batch input: [{string.Join(", ", duplicates)}]. IDs must be unique",
                new Dictionary<string, string[]> { ["ids"] = [.. duplicates] }));
        }

        var store = objects[type];
        var now = Timestamp.Now(clock);
        var visibleAtMs = now.Ms + settings.Current.Search.IndexingLagMs;
        var outcomes = new List<WriteOutcome>(inputs.Count);
        var links = new List<(CrmObject From, IReadOnlyList<InlineLink> To)>();
        lock (store.WriteLock)
        {
            var uniqueProperties = registry.UniqueProperties(type);
            var claims = atomic ? new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase) : null;
            var planned = new List<PlannedWrite>(inputs.Count);
            for (var i = 0; i < inputs.Count; i++)
            {
                var error = Plan(store, kind, inputs[i], i, uniqueProperties, claims, out var plan);
                if (error is not null && atomic)
                {
                    return WriteResult.Failed(error);
                }

                if (error is not null)
                {
                    outcomes.Add(new WriteOutcome(null, false, error, inputs[i].ObjectWriteTraceId));
                }
                else if (atomic)
                {
                    planned.Add(plan!);
                }
                else
                {
                    outcomes.Add(Apply(store, plan!, now, visibleAtMs, uniqueProperties, links));
                }
            }

            foreach (var plan in planned)
            {
                outcomes.Add(Apply(store, plan, now, visibleAtMs, uniqueProperties, links));
            }
        }

        foreach (var (from, targets) in links)
        {
            foreach (var target in targets)
            {
                associations.Add(new ObjectRef(type, from.Id), target.To, target.Primary);
            }
        }

        return new WriteResult(outcomes, null);
    }

    /// <summary>Archives the given live objects; unknown or already archived ids are ignored, as HubSpot answers 204 for them.</summary>
    public void Archive(ObjectTypeInfo type, IEnumerable<string?> ids)
    {
        var store = objects[type];
        var now = Timestamp.Now(clock);
        var archived = new List<CrmObject>();
        lock (store.WriteLock)
        {
            var uniqueProperties = registry.UniqueProperties(type);
            foreach (var id in ids)
            {
                if (long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var recordId)
                    && store.Find(recordId) is { Current.Archived: false } target)
                {
                    var current = target.Current;
                    store.Replace(target, new ObjectVersion(current.Properties, now, now, now.Ms), now.Ms, uniqueProperties);
                    archived.Add(target);
                }
            }
        }

        foreach (var target in archived)
        {
            associations.RemoveAll(new ObjectRef(type, target.Id));
        }
    }

    private InputError? Plan(
        ObjectTypeStore store,
        WriteKind kind,
        WriteInput input,
        int index,
        IReadOnlyList<string> uniqueProperties,
        Dictionary<string, int>? claims,
        out PlannedWrite? plan)
    {
        plan = null;
        var type = store.Type;
        CrmObject? target = null;
        var properties = input.Properties;
        if (kind == WriteKind.Update)
        {
            if (lookup.TryFind(type, input.Id, input.IdProperty, "update/upsert", out target) is { } lookupError)
            {
                return lookupError;
            }

            if (target is null or { Current.Archived: true })
            {
                return InputError.MissingObjects(type.UpperName, [input.Id ?? ""]);
            }
        }
        else if (kind == WriteKind.Upsert)
        {
            var idProperty = input.IdProperty ?? ObjectLookup.RecordIdProperty;
            if (!registry.IsUnique(type, idProperty))
            {
                return InputError.BadRequest(
                    $"Unable to perform update/upsert by non-unique {type.TypeId} property {idProperty} in portal ID {options.Value.HubId}");
            }

            if (string.IsNullOrEmpty(input.Id))
            {
                return InputError.BadRequest("Each upsert input needs an id: the value of its idProperty.");
            }

            target = store.FindByUniqueValue(idProperty, input.Id);
            if (target is null && properties?.ContainsKey(idProperty) != true)
            {
                properties = new Dictionary<string, string?>(properties ?? new Dictionary<string, string?>()) { [idProperty] = input.Id };
            }
        }

        var problems = validator.Validate(type, properties, target?.Current.Properties, out var changes);
        if (problems.Count > 0)
        {
            return InputError.Validation(problems, options.Value.HubId);
        }

        if (CheckUnique(type, store, target, changes, index, uniqueProperties, claims) is { } conflict)
        {
            return conflict;
        }

        IReadOnlyList<InlineLink> links = [];
        if (kind == WriteKind.Create && input.Associations is { Count: > 0 } requested && ResolveLinks(type, requested, out links) is { } linkError)
        {
            return linkError;
        }

        plan = new PlannedWrite(target, changes, links, input.ObjectWriteTraceId);
        return null;
    }

    private static InputError? CheckUnique(
        ObjectTypeInfo type,
        ObjectTypeStore store,
        CrmObject? target,
        Dictionary<string, string?> changes,
        int index,
        IReadOnlyList<string> uniqueProperties,
        Dictionary<string, int>? claims)
    {
        foreach (var property in uniqueProperties)
        {
            if (changes.GetValueOrDefault(property) is not { } value)
            {
                continue;
            }

            if (store.FindByUniqueValue(property, value) is { } holder && holder != target)
            {
                return InputError.Conflict(type == ObjectTypes.Contacts && property == "email"
                    ? $"Contact already exists. Existing ID: {holder.IdText}"
                    : $"A {type.Singular} with {property} \"{value}\" already exists. Existing ID: {holder.IdText}");
            }

            // An atomic batch has not written its earlier inputs yet, so it must remember the values they claim.
            if (claims is not null && !claims.TryAdd(property + "\n" + value, index) && claims[property + "\n" + value] != index)
            {
                return InputError.BadRequest($"Duplicate value \"{value}\" for unique property {property} in batch input.");
            }
        }

        return null;
    }

    /// <summary>In request order, so that of two primary companies given for one object the later one stays primary.</summary>
    private InputError? ResolveLinks(ObjectTypeInfo type, IReadOnlyList<InlineAssociation> requested, out IReadOnlyList<InlineLink> links)
    {
        var resolved = new List<InlineLink>();
        links = resolved;
        foreach (var association in requested)
        {
            if (association.Types is not { Count: > 0 } || association.To?.Id is not { } toId)
            {
                return InputError.BadRequest("Each association needs to.id and at least one entry in types.");
            }

            foreach (var spec in association.Types)
            {
                if (spec.AssociationCategory != AssociationKinds.HubSpotDefined
                    || !AssociationKinds.TryGetDirection(type, spec.AssociationTypeId, out var direction, out var primary))
                {
                    return InputError.BadRequest(
                        $"{spec.AssociationCategory} association type {spec.AssociationTypeId} is not valid from {type.Singular}.");
                }

                var toType = direction.To;
                if (!long.TryParse(toId, NumberStyles.None, CultureInfo.InvariantCulture, out var targetId)
                    || objects.FindLive(new ObjectRef(toType, targetId)) is null)
                {
                    return InputError.BadRequest(
                        $"Cannot associate with {toType.Singular} {toId}: it does not exist.",
                        new Dictionary<string, string[]> { ["ids"] = [toId] });
                }

                resolved.Add(new InlineLink(new ObjectRef(toType, targetId), primary));
            }
        }

        return null;
    }

    private static WriteOutcome Apply(
        ObjectTypeStore store,
        PlannedWrite plan,
        Timestamp now,
        long visibleAtMs,
        IReadOnlyList<string> uniqueProperties,
        List<(CrmObject From, IReadOnlyList<InlineLink> To)> links)
    {
        var type = store.Type;
        if (plan.Target is { } target)
        {
            var properties = new Dictionary<string, string>(target.Current.Properties, StringComparer.Ordinal);
            foreach (var (name, value) in plan.Changes)
            {
                if (value is null)
                {
                    properties.Remove(name);
                }
                else
                {
                    properties[name] = value;
                }
            }

            properties[type.LastModifiedProperty] = now.Text;
            store.Replace(target, new ObjectVersion(properties, now, null, visibleAtMs), now.Ms, uniqueProperties);
            return new WriteOutcome(target, false, null, plan.ObjectWriteTraceId);
        }

        var created = store.Add(id => new ObjectVersion(NewProperties(type, id, plan.Changes, now), now, null, visibleAtMs), now, uniqueProperties);
        if (plan.Links.Count > 0)
        {
            links.Add((created, plan.Links));
        }

        return new WriteOutcome(created, true, null, plan.ObjectWriteTraceId);
    }

    private static Dictionary<string, string> NewProperties(ObjectTypeInfo type, long id, Dictionary<string, string?> changes, Timestamp now)
    {
        var idText = id.ToString(CultureInfo.InvariantCulture);
        var properties = new Dictionary<string, string>(changes.Count + 6, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            if (value is not null)
            {
                properties[name] = value;
            }
        }

        properties[ObjectLookup.RecordIdProperty] = idText;
        properties["createdate"] = now.Text;
        properties[type.LastModifiedProperty] = now.Text;
        properties["hs_object_source"] = "API";
        properties["hs_object_source_label"] = "INTERNAL_PROCESSING";
        if (type == ObjectTypes.Tickets)
        {
            properties["hs_ticket_id"] = idText;
        }

        return properties;
    }

    private static List<string> DuplicateIds(IReadOnlyList<WriteInput> inputs) =>
    [
        .. inputs
            .Where(static i => i.Id is not null)
            .GroupBy(static i => (i.IdProperty ?? ObjectLookup.RecordIdProperty) + "\n" + i.Id, StringComparer.OrdinalIgnoreCase)
            .Where(static g => g.Count() > 1)
            .Select(static g => g.First().Id!),
    ];

    private sealed record PlannedWrite(
        CrmObject? Target,
        Dictionary<string, string?> Changes,
        IReadOnlyList<InlineLink> Links,
        string? ObjectWriteTraceId);

    /// <summary>An association given inline on create: the target, and whether its type was the primary one.</summary>
    private readonly record struct InlineLink(ObjectRef To, bool Primary);
}
