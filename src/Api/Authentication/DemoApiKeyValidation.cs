using HubSpotCrm.ServiceDefaults.Demo;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Api.Authentication;

/// <summary>The demo key is printed in the README and demo.env: outside demo mode it would let anybody in.</summary>
public sealed class DemoApiKeyValidation(IOptions<DemoModeOptions> demo) : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        if (demo.Value.Enabled)
        {
            return ValidateOptionsResult.Success;
        }
        var clients = options.ConfiguredKeys.Where(k => k.Value == DemoModeOptions.ApiKey).Select(k => $"{ApiKeyOptions.SectionName}:Keys:{k.Key}").ToList();
        return clients.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{string.Join(", ", clients)} is the published demo key, which only demo mode ({DemoModeOptions.SectionName}:Enabled=true) accepts. " +
                "Give each calling system a key of its own, e.g. from `openssl rand -hex 32`.");
    }
}
