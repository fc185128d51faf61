namespace HubSpotCrm.EndToEnd.Tests.Submissions;

[Collection(StackCollection.Name)]
public sealed class DealSubmissionTests(ServiceStack stack)
{
    [Fact]
    public async Task Deals_are_created_with_their_properties_and_associated_to_the_contact()
    {
        var contactId = await stack.CreateContactAsync();
        var name = TestData.Unique("Renewal");
        var deal = TestData.Deal(name, 2500.50m, "qualifiedtobuy");
        deal["closedate"] = "2027-01-31";

        var status = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/deals", new { contactId, deals = new[] { deal } });

        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        var outcome = status.GetProperty("result").GetProperty("deals")[0];
        Assert.True(outcome.GetProperty("created").GetBoolean());
        Assert.Equal(name, outcome.GetProperty("dealname").GetString());

        var created = await stack.EmulatedAsync("deals", outcome.GetProperty("dealId").GetString()!);
        Assert.Equal(name, created.Property("dealname"));
        Assert.Equal(2500.50m, decimal.Parse(created.Property("amount")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("qualifiedtobuy", created.Property("dealstage"));
        Assert.Equal("default", created.Property("pipeline"));
        Assert.StartsWith("2027-01-31", created.Property("closedate"));
        Assert.Contains((contactId, 3), created.Associations("contacts"));
        var contact = await stack.EmulatedAsync("contacts", contactId);
        Assert.Contains((created.Id, 4), contact.Associations("deals"));
    }

    [Fact]
    public async Task The_same_deal_name_on_the_same_contact_gives_one_deal_updated()
    {
        var contactId = await stack.CreateContactAsync();
        var name = TestData.Unique("Upgrade");

        var first = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/deals", new { contactId, deals = new[] { TestData.Deal(name, 100) } });
        var second = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/deals", new { contactId, deals = new[] { TestData.Deal(name, 900, "closedwon") } });

        Assert.Equal("succeeded", second.GetProperty("status").GetString());
        var firstDeal = first.GetProperty("result").GetProperty("deals")[0];
        var secondDeal = second.GetProperty("result").GetProperty("deals")[0];
        Assert.True(firstDeal.GetProperty("created").GetBoolean());
        Assert.False(secondDeal.GetProperty("created").GetBoolean());
        Assert.Equal(firstDeal.GetProperty("dealId").GetString(), secondDeal.GetProperty("dealId").GetString());

        var deals = (await stack.EmulatorControl.ObjectsAsync("deals")).Where(d => d.Property("dealname") == name).ToList();
        var deal = Assert.Single(deals);
        Assert.Equal("900", deal.Property("amount"));
        Assert.Equal("closedwon", deal.Property("dealstage"));
    }

    [Fact]
    public async Task Deals_of_an_unknown_contact_fail_with_contact_not_found()
    {
        var status = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/deals",
            new { contactId = "999999999", deals = new[] { TestData.Deal(TestData.Unique("Orphan")) } });

        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.Equal("contact_not_found", status.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("999999999", status.GetProperty("error").GetProperty("message").GetString());
    }
}
