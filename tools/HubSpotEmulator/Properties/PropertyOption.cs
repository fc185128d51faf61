namespace HubSpotEmulator.Properties;

internal sealed record PropertyOption(string Label, string Value, int DisplayOrder, bool Hidden);
