using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace HubSpotCrm.Worker.Idempotency;

/// <summary>
/// Builds idempotency keys, and knows whether HubSpot enforces them: in the documented best-effort mode (the account
/// would not let us create unique properties) no key is written and replays rely on association lookups only.
/// </summary>
public sealed class IdempotencyKeys(IOptions<IdempotencyKeyOptions> options)
{
    private readonly TaskCompletionSource<bool> _enforced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _companyKeyEnforced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string DealProperty => options.Value.DealProperty;

    public string TicketProperty => options.Value.TicketProperty;

    public string CompanyProperty => options.Value.CompanyProperty;

    /// <summary>Completes once the Worker has checked the properties at start: true when HubSpot enforces them.</summary>
    public Task<bool> EnforcedAsync(CancellationToken cancellationToken) => _enforced.Task.WaitAsync(cancellationToken);

    public bool? Enforced => _enforced.Task.IsCompletedSuccessfully ? _enforced.Task.Result : null;

    internal void Resolve(bool enforced) => _enforced.TrySetResult(enforced);

    /// <summary>
    /// Completes once the Worker has checked the company key at start: true when HubSpot enforces it. Companies have no
    /// best-effort mode: without a unique property there is no atomic upsert, and search lags writes.
    /// </summary>
    public Task<bool> CompanyKeyEnforcedAsync(CancellationToken cancellationToken) => _companyKeyEnforced.Task.WaitAsync(cancellationToken);

    internal void ResolveCompanyKey(bool enforced) => _companyKeyEnforced.TrySetResult(enforced);

    public static string ForDeal(string contactId, string dealname)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(NormalizeDealname(dealname)));
        return $"{contactId}-{Convert.ToHexStringLower(hash, 0, 16)}";
    }

    public static string ForTicket(Guid requestId, int index) => $"{requestId:N}-{index}";

    /// <summary>Deals are matched by name regardless of case and surrounding spaces.</summary>
    public static string NormalizeDealname(string dealname) => dealname.Trim().ToLowerInvariant();
}
