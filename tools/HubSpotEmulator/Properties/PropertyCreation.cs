namespace HubSpotEmulator.Properties;

internal enum PropertyCreation
{
    Created,
    AlreadyExists,
    UniqueNotAllowed,
    TooManyUnique,
}
