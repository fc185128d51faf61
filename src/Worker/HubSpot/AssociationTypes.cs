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

    /// <summary>The contact's primary company; HubSpot adds company→contact 2 back and moves the label from the previous one.</summary>
    public const int ContactToPrimaryCompany = 1;

    /// <summary>An unlabelled link to a company (280 back); the contact's primary company stays what it was.</summary>
    public const int ContactToCompany = 279;
}
