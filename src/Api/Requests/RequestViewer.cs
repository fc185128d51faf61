using System.Security.Claims;
using HubSpotCrm.Api.Authentication;

namespace HubSpotCrm.Api.Requests;

/// <summary>
/// Who is looking at requests: a client sees only its own; an operator sees every request, those published straight
/// to the bus without a client included. A request a viewer may not see does not exist for it.
/// </summary>
public sealed record RequestViewer(string Client, bool IsOperator)
{
    public static RequestViewer Of(ClaimsPrincipal user) => new(user.ClientName(), user.IsInRole(ApiKeyDefaults.OperatorRole));
}
