namespace HubSpotCrm.ServiceDefaults.Hosting;

/// <summary>A setting the service cannot be built without; its message names the setting and what it must be.</summary>
public sealed class MissingSettingException(string message) : Exception(message);
