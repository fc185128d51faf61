namespace HubSpotCrm.EndToEnd.Tests;

public static class StackExtensions
{
    /// <summary>Creates a contact through the Api and returns its HubSpot id.</summary>
    public static async Task<string> CreateContactAsync(this ServiceStack stack, string? email = null)
    {
        var status = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact(email));
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        return status.GetProperty("result").GetProperty("contactId").GetString()!;
    }

    public static async Task<IReadOnlyList<string>> CreateDealsAsync(this ServiceStack stack, string contactId, params string[] dealnames)
    {
        var status = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/deals",
            new { contactId, deals = dealnames.Select(n => TestData.Deal(n)).ToArray() });
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        return [.. status.GetProperty("result").GetProperty("deals").EnumerateArray().Select(d => d.GetProperty("dealId").GetString()!)];
    }

    public static async Task<EmulatedObject> EmulatedAsync(this ServiceStack stack, string type, string id) =>
        (await stack.EmulatorControl.ObjectsAsync(type)).Single(o => o.Id == id);
}
