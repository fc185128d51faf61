using HubSpotCrm.Worker.HubSpot;
using HubSpotCrm.Worker.HubSpot.Errors;
using HubSpotCrm.Worker.HubSpot.Models;

namespace HubSpotCrm.Worker.Idempotency;

/// <summary>
/// Makes sure the idempotency-key properties exist in HubSpot as unique-value properties. Commands wait for this
/// check; when HubSpot cannot be reached it is retried until it can.
/// </summary>
public sealed class IdempotencyPropertyBootstrapper(
    HubSpotClient hubSpot,
    IdempotencyKeys keys,
    TimeProvider clock,
    ILogger<IdempotencyPropertyBootstrapper> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deals = await EnsureAsync(HubSpotObjectTypes.Deals, keys.DealProperty, "dealinformation", "Deal key (HubSpot CRM Service)", stoppingToken);
                var tickets = await EnsureAsync(HubSpotObjectTypes.Tickets, keys.TicketProperty, "ticketinformation", "Ticket key (HubSpot CRM Service)", stoppingToken);
                keys.Resolve(deals && tickets);
                if (deals && tickets)
                {
                    logger.LogInformation("Idempotency keys {DealProperty} and {TicketProperty} are unique-value properties in HubSpot",
                        keys.DealProperty, keys.TicketProperty);
                }
                else
                {
                    logger.LogWarning(
                        "Best-effort mode: HubSpot does not enforce the idempotency keys, so a replayed command can create a second ticket, " +
                        "and concurrent workers can create a deal twice. Let the app create unique properties ({DealProperty}, {TicketProperty}) to fix this",
                        keys.DealProperty, keys.TicketProperty);
                }
                return;
            }
            catch (Exception exception) when (exception is HubSpotTransientException or HubSpotUnavailableException)
            {
                logger.LogWarning("Cannot check the idempotency-key properties yet ({Reason}); retrying in {Seconds} s",
                    exception.Message, RetryDelay.TotalSeconds);
                await Task.Delay(RetryDelay, clock, stoppingToken);
            }
        }
    }

    /// <summary>True when the property exists with unique values (created now if it was missing).</summary>
    private async Task<bool> EnsureAsync(string objectType, string name, string group, string label, CancellationToken cancellationToken)
    {
        var existing = await hubSpot.GetPropertyAsync(objectType, name, cancellationToken);
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
        catch (HubSpotApiException refused) when (refused.Status is 400 or 403)
        {
            logger.LogWarning("HubSpot refused to create the unique {ObjectType} property {Property}: {Message}", objectType, name, refused.Message);
            return false;
        }
    }
}
