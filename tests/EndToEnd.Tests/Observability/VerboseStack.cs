using HubSpotCrm.EndToEnd.Tests.Auth;

namespace HubSpotCrm.EndToEnd.Tests.Observability;

/// <summary>A stack that logs everything down to Debug and refreshes its HubSpot token every few seconds.</summary>
public sealed class VerboseStack : ServiceStack
{
    protected override void Configure(ServiceStackOptions options)
    {
        options.Emulator["Emulator__OAuth__AccessTokenLifetimeSeconds"] = ShortLivedTokenStack.TokenLifetimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        options.Worker["Serilog__MinimumLevel__Default"] = "Debug";
        options.Worker["Serilog__MinimumLevel__Override__Microsoft"] = "Debug";
        options.Worker["Serilog__MinimumLevel__Override__System"] = "Debug";
        options.Api["Serilog__MinimumLevel__Default"] = "Debug";
        options.Api["Serilog__MinimumLevel__Override__Microsoft"] = "Debug";
        options.Api["Serilog__MinimumLevel__Override__System"] = "Debug";
    }
}
