using System.Net;
using HubSpotEmulator.Tests.Support;

namespace HubSpotEmulator.Tests;

/// <summary>Error bodies as the reference captured them, compared as raw text where HubSpot's exact text is known.</summary>
public sealed class ValidationErrorTests(FakeClockEmulator emulator) : EmulatorTest<FakeClockEmulator>(emulator)
{
    [Fact]
    public async Task UnknownPropertyMatchesTheDocumentedBodyExactly()
    {
        using var response = await Api.PostJsonAsync("/crm/v3/objects/contacts", """{"properties":{"testproperty":"x"}}""");
        var text = await response.Content.ReadAsStringAsync();
        var correlationId = response.Headers.GetValues("X-HubSpot-Correlation-Id").Single();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var expected = """
            {"status":"error","message":"Property values were not valid: [{\"isValid\":false,\"message\":\"Property \\\"testproperty\\\" does not exist\",\"error\":\"PROPERTY_DOESNT_EXIST\",\"name\":\"testproperty\",\"localizedErrorMessage\":\"Property \\\"testproperty\\\" does not exist\",\"portalId\":12345678}]","correlationId":"CID","errors":[{"message":"Property \"testproperty\" does not exist","code":"PROPERTY_DOESNT_EXIST","context":{"propertyName":["testproperty"]}}],"category":"VALIDATION_ERROR"}
            """.Replace("CID", correlationId, StringComparison.Ordinal);
        Assert.Equal(expected, text);
    }

    [Fact]
    public async Task InvalidEmail()
    {
        var body = await Api.PostJsonAsync("/crm/v3/objects/contacts", """{"properties":{"email":"example.lcom"}}""").ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("VALIDATION_ERROR", body.Str("category"));
        Assert.Contains("""{"isValid":false,"message":"Email address example.lcom is invalid","error":"INVALID_EMAIL","name":"email",""", body.Str("message"), StringComparison.Ordinal);
        var detail = body.GetProperty("errors")[0];
        Assert.Equal("INVALID_EMAIL", detail.Str("code"));
        Assert.Equal("email", detail.GetProperty("context").GetProperty("propertyName")[0].GetString());
    }

    [Fact]
    public async Task InvalidTicketCategoryIsInvalidOption()
    {
        var body = await Api.PostJsonAsync("/crm/v3/objects/tickets", """{"properties":{"subject":"S","hs_pipeline_stage":"1","hs_ticket_category":"reports"}}""")
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains(
            "\"message\":\"reports was not one of the allowed options: [PRODUCT_ISSUE, BILLING_ISSUE, FEATURE_REQUEST, GENERAL_INQUIRY]\",\"error\":\"INVALID_OPTION\",\"name\":\"hs_ticket_category\",",
            body.Str("message"),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("deals", """{"dealname":"D","dealstage":"won"}""", "dealstage", "won was not one of the allowed options: [appointmentscheduled, qualifiedtobuy, presentationscheduled, decisionmakerboughtin, contractsent, closedwon, closedlost]")]
    [InlineData("deals", """{"dealname":"D","dealstage":"closedwon","pipeline":"sales"}""", "pipeline", "sales was not one of the allowed options: [default]")]
    [InlineData("tickets", """{"subject":"S","hs_pipeline_stage":"9"}""", "hs_pipeline_stage", "9 was not one of the allowed options: [1, 2, 3, 4]")]
    [InlineData("tickets", """{"subject":"S","hs_pipeline_stage":"1","hs_pipeline":"7"}""", "hs_pipeline", "7 was not one of the allowed options: [0]")]
    [InlineData("tickets", """{"subject":"S","hs_pipeline_stage":"1","hs_ticket_priority":"low"}""", "hs_ticket_priority", "low was not one of the allowed options: [LOW, MEDIUM, HIGH]")]
    public async Task EnumerationsArePipelineAware(string type, string properties, string name, string message)
    {
        var body = await Api.PostJsonAsync($"/crm/v3/objects/{type}", $$$"""{"properties":{{{properties}}}}""").ExpectAsync(HttpStatusCode.BadRequest);

        var detail = body.GetProperty("errors")[0];
        Assert.Equal("INVALID_OPTION", detail.Str("code"));
        Assert.Equal(message, detail.Str("message"));
        Assert.Equal(name, detail.GetProperty("context").GetProperty("propertyName")[0].GetString());
    }

    [Fact]
    public async Task AmountMustBeANumber()
    {
        var body = await Api.PostJsonAsync("/crm/v3/objects/deals", """{"properties":{"dealname":"D","dealstage":"closedwon","amount":"lots"}}""")
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("INVALID_DECIMAL", body.GetProperty("errors")[0].Str("code"));
        Assert.Equal("amount", body.GetProperty("errors")[0].GetProperty("context").GetProperty("propertyName")[0].GetString());
    }

    [Theory]
    [InlineData("hs_object_id")]
    [InlineData("createdate")]
    [InlineData("lastmodifieddate")]
    public async Task ReadOnlyPropertiesCannotBeWritten(string property)
    {
        var id = await Api.CreateContactAsync("a@example.com");

        var body = await Api.PatchJsonAsync($"/crm/v3/objects/contacts/{id}", $$$"""{"properties":{"{{{property}}}":"1"}}""").ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("VALIDATION_ERROR", body.Str("category"));
        Assert.Equal("READ_ONLY_VALUE", body.GetProperty("errors")[0].Str("code"));
    }

    [Fact]
    public async Task RequiredPropertiesOnCreate()
    {
        var body = await Api.PostJsonAsync("/crm/v3/objects/deals", """{"properties":{"amount":"5"}}""").ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["dealname", "dealstage"], body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("context").GetProperty("propertyName")[0].GetString()));
        Assert.All(body.GetProperty("errors").EnumerateArray(), e => Assert.Equal("REQUIRED_PROPERTY", e.Str("code")));
    }

    [Fact]
    public async Task DuplicateEmailIs409WithExistingId()
    {
        var id = await Api.CreateContactAsync("dup@example.com");

        using var response = await Api.PostJsonAsync("/crm/v3/objects/contacts", """{"properties":{"email":"DUP@example.com"}}""");
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(["status", "message", "correlationId", "category"], body.Names());
        Assert.Equal("error", body.Str("status"));
        Assert.Equal($"Contact already exists. Existing ID: {id}", body.Str("message"));
        Assert.Equal("CONFLICT", body.Str("category"));
    }

    [Fact]
    public async Task UpdatingToAnotherContactsEmailConflicts()
    {
        var first = await Api.CreateContactAsync("one@example.com");
        var second = await Api.CreateContactAsync("two@example.com");

        var body = await Api.PatchJsonAsync($"/crm/v3/objects/contacts/{second}", """{"properties":{"email":"one@example.com"}}""").ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal($"Contact already exists. Existing ID: {first}", body.Str("message"));
        await Api.PatchJsonAsync($"/crm/v3/objects/contacts/{first}", """{"properties":{"email":"one@example.com"}}""").ExpectAsync(HttpStatusCode.OK);
    }
}
