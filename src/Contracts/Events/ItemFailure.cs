namespace HubSpotCrm.Contracts.Events;

/// <param name="Index">The object's position in the command's deals or tickets.</param>
public sealed record ItemFailure(int Index, string Code, string Message);
