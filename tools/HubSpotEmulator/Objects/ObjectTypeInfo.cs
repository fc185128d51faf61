namespace HubSpotEmulator.Objects;

/// <summary>One emulated CRM object type and the names HubSpot accepts for it.</summary>
internal sealed class ObjectTypeInfo
{
    public required int Index { get; init; }

    /// <summary>Plural path name, e.g. <c>contacts</c>.</summary>
    public required string Name { get; init; }

    public required string Singular { get; init; }

    /// <summary>HubSpot's object type id, e.g. <c>0-1</c>.</summary>
    public required string TypeId { get; init; }

    /// <summary>As HubSpot spells the type in messages, e.g. "Could not get some CONTACT objects".</summary>
    public required string UpperName { get; init; }

    /// <summary>Each type has its own id range so that a client mixing up types gets a 404 instead of the wrong object.</summary>
    public required long FirstId { get; init; }

    /// <summary><c>lastmodifieddate</c> for contacts, <c>hs_lastmodifieddate</c> for deals, tickets and companies.</summary>
    public required string LastModifiedProperty { get; init; }

    /// <summary>Returned when a read names no properties (sorted, system properties included).</summary>
    public required string[] DefaultProperties { get; init; }

    /// <summary>Always returned on reads, whatever was asked for.</summary>
    public required string[] SystemProperties { get; init; }

    /// <summary>Searched by the free-text <c>query</c> of the search API.</summary>
    public required string[] QueryProperties { get; init; }

    public override string ToString() => Name;
}
