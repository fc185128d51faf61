namespace HubSpotCrm.Worker.HubSpot;

public static class HubSpotObjectTypes
{
    public const string Contacts = "contacts";
    public const string Deals = "deals";
    public const string Tickets = "tickets";
    public const string Companies = "companies";
}
