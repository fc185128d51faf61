namespace HubSpotCrm.EndToEnd.Tests;

/// <summary>Request bodies with unique values, so tests sharing a stack never see each other's objects.</summary>
public static class TestData
{
    public static string Email(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    public static Dictionary<string, object> Contact(string? email = null, string firstname = "Ada", string lastname = "Lovelace",
        string phone = "+44 20 7946 0000") => new()
    {
        ["email"] = email ?? Email(),
        ["firstname"] = firstname,
        ["lastname"] = lastname,
        ["phone"] = phone,
    };

    public static Dictionary<string, object> Deal(string dealname, decimal amount = 1500m, string dealstage = "appointmentscheduled") => new()
    {
        ["dealname"] = dealname,
        ["amount"] = amount,
        ["dealstage"] = dealstage,
    };

    public static Dictionary<string, object> Ticket(string subject, string category = "technical_issue") => new()
    {
        ["subject"] = subject,
        ["description"] = $"Details of {subject}",
        ["category"] = category,
        ["pipeline"] = "0",
        ["hs_ticket_priority"] = "HIGH",
        ["hs_pipeline_stage"] = "1",
    };

    public static string Unique(string prefix) => $"{prefix} {Guid.NewGuid():N}";
}
