namespace HubSpotEmulator.Associations;

/// <summary>One object at the other end of an association, and whether the association carries the primary label.</summary>
internal readonly record struct AssociatedObject(long Id, bool Primary);
