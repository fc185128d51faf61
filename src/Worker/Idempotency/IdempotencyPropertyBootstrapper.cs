using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.Idempotency;

/// <summary>
/// Makes sure the idempotency-key properties exist in HubSpot as unique-value properties, creating them when missing.
/// When the account refuses, the Worker runs in the documented best-effort mode and says so at start.
/// </summary>
public sealed class IdempotencyPropertyBootstrapper(HubSpotClient hubSpot, IdempotencyKeys keys, ILogger<IdempotencyPropertyBootstrapper> logger)
{
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var deals = await EnsureAsync(HubSpotObjectTypes.Deals, keys.DealProperty, "dealinformation", "Deal key (HubSpot CRM Service)", cancellationToken);
        var tickets = await EnsureAsync(HubSpotObjectTypes.Tickets, keys.TicketProperty, "ticketinformation", "Ticket key (HubSpot CRM Service)", cancellationToken);
        var companies = await EnsureAsync(HubSpotObjectTypes.Companies, keys.CompanyProperty, "companyinformation", "Company key (HubSpot CRM Service)", cancellationToken);
        keys.Resolve(deals && tickets);
        keys.ResolveCompanyKey(companies);
        if (!companies)
        {
            logger.LogWarning("HubSpot does not enforce the company key {CompanyProperty}: company commands fail until the app may create it " +
                              "as a unique-value property (then restart the Worker)", keys.CompanyProperty);
        }
        if (deals && tickets)
        {
            logger.LogInformation("Idempotency keys {DealProperty} and {TicketProperty} are unique-value properties in HubSpot",
                keys.DealProperty, keys.TicketProperty);
            return;
        }
        logger.LogWarning(
            "Best-effort mode: HubSpot does not enforce the idempotency keys, so a replayed command can create a second ticket, " +
            "and concurrent workers can create a deal twice. Let the app create unique properties ({DealProperty}, {TicketProperty}) to fix this",
            keys.DealProperty, keys.TicketProperty);
    }

    /// <summary>True when the property exists with unique values (created now if it was missing).</summary>
    private async Task<bool> EnsureAsync(string objectType, string name, string group, string label, CancellationToken cancellationToken)
    {
        PropertyDefinition? existing;
        try
        {
            existing = await hubSpot.GetPropertyAsync(objectType, name, cancellationToken);
        }
        catch (HubSpotUnavailableException forbidden) when (forbidden.Reason == HubSpotUnavailableReason.MissingScopes)
        {
            logger.LogWarning("HubSpot does not let the app read the {ObjectType} property {Property}: {Message}", objectType, name, forbidden.Message);
            return false;
        }
        if (existing is not null)
        {
            if (!existing.HasUniqueValue)
            {
                logger.LogWarning("The {ObjectType} property {Property} exists but does not require unique values", objectType, name);
            }
            return existing.HasUniqueValue;
        }
        try
        {
            await hubSpot.CreatePropertyAsync(objectType, new PropertyDefinition(name, label, "string", "text", group, HasUniqueValue: true,
                Description: "Written by the HubSpot CRM Service so that a replayed command never creates an object twice."), cancellationToken);
            logger.LogInformation("Created the unique {ObjectType} property {Property}", objectType, name);
            return true;
        }
        catch (HubSpotApiException refused) when (refused.Status == 400)
        {
            logger.LogWarning("HubSpot refused to create the unique {ObjectType} property {Property}: {Message}", objectType, name, refused.Message);
            return false;
        }
        catch (HubSpotUnavailableException forbidden) when (forbidden.Reason == HubSpotUnavailableReason.MissingScopes)
        {
            logger.LogWarning("HubSpot does not let the app create the unique {ObjectType} property {Property}: {Message}", objectType, name, forbidden.Message);
            return false;
        }
    }
}
