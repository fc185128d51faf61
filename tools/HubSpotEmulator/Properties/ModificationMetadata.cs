namespace HubSpotEmulator.Properties;

internal sealed record ModificationMetadata(bool Archivable, bool ReadOnlyDefinition, bool ReadOnlyValue);
