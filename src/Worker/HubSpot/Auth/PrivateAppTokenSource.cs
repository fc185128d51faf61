using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.HubSpot.Auth;

public sealed class PrivateAppTokenSource(IOptions<HubSpotOptions> options) : IAccessTokenSource
{
    public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(options.Value.PrivateAppToken!);

    public ValueTask<string?> RefreshAsync(string rejectedToken, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
