namespace HubSpotEmulator.Associations.Contracts;

internal sealed record AssociationSpec(string? AssociationCategory, int AssociationTypeId);
