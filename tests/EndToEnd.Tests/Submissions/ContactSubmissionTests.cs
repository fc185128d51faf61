namespace HubSpotCrm.EndToEnd.Tests.Submissions;

[Collection(StackCollection.Name)]
public sealed class ContactSubmissionTests(ServiceStack stack)
{
    [Fact]
    public async Task A_contact_is_accepted_then_succeeds_and_HubSpot_holds_it_with_its_properties()
    {
        var email = TestData.Email();
        var body = TestData.Contact(email, "Grace", "Hopper", "+1 202 555 0101");
        body["company"] = "Navy";

        using var response = await stack.ApiClient.PostJsonAsync("/api/v1/hubspot/contact", body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var requestId = accepted.GetProperty("requestId").GetGuid();
        Assert.Equal($"/api/v1/requests/{requestId}", response.Headers.Location?.OriginalString);
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());

        var status = await stack.ApiClient.WaitForFinalAsync(requestId);
        Assert.Equal("succeeded", status.GetProperty("status").GetString());
        Assert.Equal("contact", status.GetProperty("kind").GetString());
        var result = status.GetProperty("result");
        Assert.True(result.GetProperty("created").GetBoolean());

        var contact = await stack.EmulatedAsync("contacts", result.GetProperty("contactId").GetString()!);
        Assert.Equal(email, contact.Property("email"));
        Assert.Equal("Grace", contact.Property("firstname"));
        Assert.Equal("Hopper", contact.Property("lastname"));
        Assert.Equal("+1 202 555 0101", contact.Property("phone"));
        Assert.Equal("Navy", contact.Property("company"));
    }

    [Fact]
    public async Task The_same_email_twice_gives_one_contact_updated_with_the_second_values()
    {
        var email = TestData.Email();
        var first = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact(email, firstname: "Ann"));
        var second = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", TestData.Contact(email.ToUpperInvariant(), firstname: "Anne"));

        Assert.Equal("succeeded", second.GetProperty("status").GetString());
        Assert.True(first.GetProperty("result").GetProperty("created").GetBoolean());
        Assert.False(second.GetProperty("result").GetProperty("created").GetBoolean());
        Assert.Equal(first.GetProperty("result").GetProperty("contactId").GetString(), second.GetProperty("result").GetProperty("contactId").GetString());

        var contacts = (await stack.EmulatorControl.ObjectsAsync("contacts")).Where(c => c.Property("email") == email).ToList();
        Assert.Single(contacts);
        Assert.Equal("Anne", contacts[0].Property("firstname"));
    }

    [Fact]
    public async Task An_unknown_HubSpot_property_fails_the_request_with_HubSpots_message()
    {
        var body = TestData.Contact();
        body["favourite_colour"] = "teal";

        var status = await stack.ApiClient.SubmitAndWaitAsync("/api/v1/hubspot/contact", body);

        Assert.Equal("failed", status.GetProperty("status").GetString());
        var error = status.GetProperty("error");
        Assert.Equal("hubspot_rejected", error.GetProperty("code").GetString());
        Assert.Contains("PROPERTY_DOESNT_EXIST", error.GetProperty("message").GetString());
        Assert.Contains("favourite_colour", error.GetProperty("message").GetString());
        Assert.Equal(400, error.GetProperty("hubSpot").GetProperty("status").GetInt32());
        Assert.Equal("VALIDATION_ERROR", error.GetProperty("hubSpot").GetProperty("category").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("hubSpot").GetProperty("correlationId").GetString()));
    }

    [Fact]
    public async Task An_unknown_request_id_is_404_with_problem_details()
    {
        using var response = await stack.ApiClient.Http.GetAsync($"/api/v1/requests/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
