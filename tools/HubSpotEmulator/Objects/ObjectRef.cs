namespace HubSpotEmulator.Objects;

internal readonly record struct ObjectRef(ObjectTypeInfo Type, long Id);
