using System.Text.Json;
using HubSpotCrm.Api.Validation;

namespace HubSpotCrm.Api.Submissions;

/// <summary>Turns one route's JSON body into its command, or records why it cannot.</summary>
public interface ISubmissionValidator<out TCommand>
    where TCommand : class
{
    /// <summary>Returns the command, or null when <paramref name="errors"/> holds at least one problem.</summary>
    TCommand? Validate(JsonElement body, Guid requestId, ValidationErrors errors);
}
