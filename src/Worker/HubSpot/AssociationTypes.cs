namespace HubSpotCrm.Worker.HubSpot;

/// <summary>HubSpot-defined default association type ids (the old service used 15 and 26 for tickets: both wrong).</summary>
public static class AssociationTypes
{
    public const int DealToContact = 3;
    public const int ContactToDeal = 4;
    public const int ContactToTicket = 15;
    public const int TicketToContact = 16;
    public const int DealToTicket = 27;
    public const int TicketToDeal = 28;
}
