using HubSpotEmulator.Errors;

namespace HubSpotEmulator.Objects;

/// <summary>What happened to one input: <see cref="Object"/> on success, <see cref="Error"/> otherwise.</summary>
internal sealed record WriteOutcome(CrmObject? Object, bool Created, InputError? Error, string? ObjectWriteTraceId);
