namespace HubSpotCrm.Contracts.Headers;

/// <summary>
/// The AMQP header a command published straight to the bus may carry to name the API client its request belongs
/// to, e.g. <c>HubSpotCrm-Client: billing</c>: that client then sees the request through the Api as if it had
/// submitted it. Without it, the request is seen by operators only. The Worker carries it over to the command's
/// result event. A value that is not a client name refuses the command.
/// </summary>
public static class ClientHeader
{
    public const string Name = "HubSpotCrm-Client";

    /// <summary>What a client name is, as the Api's ApiKeys:Keys names them.</summary>
    public const string Pattern = "^[A-Za-z0-9_.-]{1,64}$";

    public static bool IsClientName(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
}
