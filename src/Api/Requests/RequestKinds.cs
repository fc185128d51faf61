namespace HubSpotCrm.Api.Requests;

public static class RequestKinds
{
    public const string Contact = "contact";
    public const string Deals = "deals";
    public const string Tickets = "tickets";

    public static readonly string[] All = [Contact, Deals, Tickets];
}
