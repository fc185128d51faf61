namespace HubSpotEmulator.Objects;

internal enum WriteKind
{
    Create,
    Update,
    Upsert,
}
