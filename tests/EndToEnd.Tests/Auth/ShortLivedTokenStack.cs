namespace HubSpotCrm.EndToEnd.Tests.Auth;

/// <summary>A stack whose emulator issues access tokens that expire after three seconds.</summary>
public sealed class ShortLivedTokenStack : ServiceStack
{
    public const int TokenLifetimeSeconds = 3;

    protected override void Configure(ServiceStackOptions options) =>
        options.Emulator["Emulator__OAuth__AccessTokenLifetimeSeconds"] = TokenLifetimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
