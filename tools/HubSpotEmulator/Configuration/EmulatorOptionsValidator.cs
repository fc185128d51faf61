using Microsoft.Extensions.Options;

namespace HubSpotEmulator.Configuration;

/// <summary>Refuses to start with settings that would make the emulator behave in ways HubSpot never does.</summary>
internal sealed class EmulatorOptionsValidator : IValidateOptions<EmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, EmulatorOptions options)
    {
        var problems = RuntimeSettingsValidator.Validate(RuntimeSettings.From(options));
        Require(options.HubId > 0, "Emulator:HubId must be positive", problems);
        Require(!string.IsNullOrWhiteSpace(options.OAuth.ClientId), "Emulator:OAuth:ClientId is required", problems);
        Require(!string.IsNullOrWhiteSpace(options.OAuth.ClientSecret), "Emulator:OAuth:ClientSecret is required", problems);
        Require(!string.IsNullOrWhiteSpace(options.OAuth.RefreshToken), "Emulator:OAuth:RefreshToken is required", problems);
        Require(options.OAuth.RefreshTokenGraceSeconds >= 0, "Emulator:OAuth:RefreshTokenGraceSeconds must be 0 or more", problems);
        Require(options.PrivateAppTokens.All(static t => !string.IsNullOrWhiteSpace(t)), "Emulator:PrivateAppTokens must not contain blank tokens", problems);
        Require(options.Search.MaxFilterGroups >= 1, "Emulator:Search:MaxFilterGroups must be at least 1", problems);
        Require(options.Search.MaxFiltersPerGroup >= 1, "Emulator:Search:MaxFiltersPerGroup must be at least 1", problems);
        Require(options.Search.MaxFilters >= 1, "Emulator:Search:MaxFilters must be at least 1", problems);
        Require(options.Search.MaxLimit >= 1, "Emulator:Search:MaxLimit must be at least 1", problems);
        Require(options.Search.MaxResultWindow >= 1, "Emulator:Search:MaxResultWindow must be at least 1", problems);
        Require(options.Properties.MaxUniquePropertiesPerType >= 0, "Emulator:Properties:MaxUniquePropertiesPerType must be 0 or more", problems);
        Require(options.Associations.BatchReadMaxInputs >= 1, "Emulator:Associations:BatchReadMaxInputs must be at least 1", problems);
        Require(options.Associations.BatchWriteMaxInputs >= 1, "Emulator:Associations:BatchWriteMaxInputs must be at least 1", problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Require(bool condition, string problem, List<string> problems)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}
