using System.Net;
using System.Text.Json;
using HubSpotEmulator.Tests.Support;

namespace HubSpotEmulator.Tests;

public sealed class BatchTests(FakeClockEmulator emulator) : EmulatorTest<FakeClockEmulator>(emulator)
{
    [Fact]
    public async Task BatchCreateReturns201Envelope()
    {
        var body = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/create", """
            {"inputs":[{"properties":{"email":"a@example.com"},"associations":[]},{"properties":{"email":"b@example.com"}}]}
            """).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(["status", "results", "startedAt", "completedAt"], body.Names());
        Assert.Equal("COMPLETE", body.Str("status"));
        Assert.Equal(["100000001", "100000002"], body.Ids());
        var first = body.GetProperty("results")[0];
        Assert.Equal(["id", "properties", "createdAt", "updatedAt", "archived"], first.Names());
    }

    [Fact]
    public async Task BatchCreateWithTraceIdsAnswers207WithPerInputErrors()
    {
        var existing = await Api.CreateContactAsync("taken@example.com");

        using var response = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/create", """
            {"inputs":[
              {"objectWriteTraceId":"t1","properties":{"email":"ok@example.com"}},
              {"objectWriteTraceId":"t2","properties":{"missing":"x"}},
              {"objectWriteTraceId":"t3","properties":{"email":"taken@example.com"}}]}
            """);
        var body = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.MultiStatus, response.StatusCode);
        Assert.Equal(["status", "results", "numErrors", "errors", "startedAt", "completedAt"], body.Names());
        Assert.Equal(2, body.GetProperty("numErrors").GetInt32());
        Assert.Equal(["100000002"], body.Ids());
        var validation = body.GetProperty("errors")[0];
        Assert.Equal(["status", "category", "message", "context", "errors", "links"], validation.Names());
        Assert.Equal("error", validation.Str("status"));
        Assert.Equal("VALIDATION_ERROR", validation.Str("category"));
        Assert.Equal(
            "Property values were not valid: [{\"isValid\":false,\"message\":\"Property \\\"missing\\\" does not exist\",\"error\":\"PROPERTY_DOESNT_EXIST\",\"name\":\"missing\",\"localizedErrorMessage\":\"Property \\\"missing\\\" does not exist\",\"portalId\":12345678}]",
            validation.Str("message"));
        Assert.Equal("t2", validation.GetProperty("context").GetProperty("objectWriteTraceId")[0].GetString());
        var conflict = body.GetProperty("errors")[1];
        Assert.Equal("CONFLICT", conflict.Str("category"));
        Assert.Equal($"Contact already exists. Existing ID: {existing}", conflict.Str("message"));
        Assert.Equal("t3", conflict.GetProperty("context").GetProperty("objectWriteTraceId")[0].GetString());
    }

    [Fact]
    public async Task BatchCreateWithoutTraceIdsFailsWholeBatch()
    {
        await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/create", """
            {"inputs":[{"properties":{"email":"ok@example.com"}},{"properties":{"email":"bad"}},{"objectWriteTraceId":"only-one","properties":{}}]}
            """).ExpectAsync(HttpStatusCode.BadRequest);

        var list = await Api.GetAsync("/crm/v3/objects/contacts").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, list.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task BatchCreateDuplicateEmailWithoutTraceIdsIs409AndCreatesNothing()
    {
        var existing = await Api.CreateContactAsync("taken@example.com");

        var body = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/create", """
            {"inputs":[{"properties":{"email":"new@example.com"}},{"properties":{"email":"taken@example.com"}}]}
            """).ExpectAsync(HttpStatusCode.Conflict);

        Assert.Equal($"Contact already exists. Existing ID: {existing}", body.Str("message"));
        await Api.GetAsync("/crm/v3/objects/contacts/new@example.com?idProperty=email").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("create", """{"properties":{}}""")]
    [InlineData("read", """{"id":"1"}""")]
    [InlineData("update", """{"id":"1","properties":{}}""")]
    [InlineData("upsert", """{"idProperty":"email","id":"x@example.com","properties":{}}""")]
    [InlineData("archive", """{"id":"1"}""")]
    public async Task MoreThan100InputsIsRejected(string operation, string input)
    {
        var inputs = string.Join(',', Enumerable.Repeat(input, 101));

        var body = await Api.PostJsonAsync($"/crm/v3/objects/contacts/batch/{operation}", $$$"""{"inputs":[{{{inputs}}}]}""").ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("VALIDATION_ERROR", body.Str("category"));
        Assert.Contains("100", body.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatchReadWithMissingIdsAnswers207()
    {
        var id = await Api.CreateContactAsync("a@example.com", "phone=1");

        var body = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/read", $$$"""{"inputs":[{"id":"{{{id}}}"},{"id":"404"},{"id":"405"}],"properties":["phone"]}""")
            .ExpectAsync(HttpStatusCode.MultiStatus);

        Assert.Equal([id], body.Ids());
        Assert.Equal(["createdate", "hs_object_id", "lastmodifieddate", "phone"], body.GetProperty("results")[0].GetProperty("properties").Names());
        Assert.Equal(1, body.GetProperty("numErrors").GetInt32());
        var error = body.GetProperty("errors")[0];
        Assert.Equal("OBJECT_NOT_FOUND", error.Str("category"));
        Assert.Equal("Could not get some CONTACT objects, they may be deleted or not exist. Check that ids are valid.", error.Str("message"));
        Assert.Equal(["404", "405"], error.GetProperty("context").GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task BatchReadByEmail()
    {
        var id = await Api.CreateContactAsync("a@example.com");

        var body = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/read", """{"idProperty":"email","inputs":[{"id":"A@example.com"}],"properties":[]}""")
            .ExpectAsync(HttpStatusCode.OK);

        Assert.Equal([id], body.Ids());
        Assert.False(body.TryGetProperty("numErrors", out _));
    }

    [Fact]
    public async Task BatchUpdateAppliesAllOrReportsMissingIds()
    {
        var a = await Api.CreateContactAsync("a@example.com");
        var b = await Api.CreateContactAsync("b@example.com");

        var body = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/update", $$$"""
            {"inputs":[{"id":"{{{a}}}","properties":{"firstname":"A"}},{"id":"{{{b}}}","properties":{"firstname":"B"}}]}
            """).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["A", "B"], body.GetProperty("results").EnumerateArray().Select(r => r.Prop("firstname")));

        var missing = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/update", $$$"""
            {"inputs":[{"id":"{{{a}}}","properties":{"firstname":"AA"}},{"id":"999","properties":{"firstname":"B"}}]}
            """).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal("OBJECT_NOT_FOUND", missing.Str("category"));
        var unchanged = await Api.GetAsync($"/crm/v3/objects/contacts/{a}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("A", unchanged.Prop("firstname"));
    }

    [Fact]
    public async Task BatchUpdateWithTraceIdsIsPartial()
    {
        var a = await Api.CreateContactAsync("a@example.com");

        var body = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/update", $$$"""
            {"inputs":[{"id":"{{{a}}}","objectWriteTraceId":"x","properties":{"firstname":"A"}},{"id":"999","objectWriteTraceId":"y","properties":{}}]}
            """).ExpectAsync(HttpStatusCode.MultiStatus);

        Assert.Equal([a], body.Ids());
        var error = body.GetProperty("errors")[0];
        Assert.Equal("OBJECT_NOT_FOUND", error.Str("category"));
        Assert.Equal("y", error.GetProperty("context").GetProperty("objectWriteTraceId")[0].GetString());
        Assert.Equal("999", error.GetProperty("context").GetProperty("ids")[0].GetString());
    }

    [Fact]
    public async Task DuplicateIdsInBatchAreRejected()
    {
        var a = await Api.CreateContactAsync("a@example.com");

        var body = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/update", $$$"""
            {"inputs":[{"id":"{{{a}}}","properties":{}},{"id":"{{{a}}}","properties":{}}]}
            """).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.StartsWith("Duplicate IDs found in batch input", body.Str("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertContactsByEmailReportsNewFlag()
    {
        var existing = await Api.CreateContactAsync("old@example.com");

        var body = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/upsert", """
            {"inputs":[
              {"idProperty":"email","id":"old@example.com","properties":{"firstname":"Old"}},
              {"idProperty":"email","id":"new@example.com","properties":{"firstname":"New"}}]}
            """).ExpectAsync(HttpStatusCode.OK);

        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(existing, results[0].Str("id"));
        Assert.False(results[0].GetProperty("new").GetBoolean());
        Assert.True(results[1].GetProperty("new").GetBoolean());
        Assert.Equal("new@example.com", results[1].Prop("email"));
        Assert.Equal(["id", "properties", "createdAt", "updatedAt", "archived", "new"], results[1].Names());
    }

    [Fact]
    public async Task UpsertByEmailIsNeverPartial()
    {
        var body = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/upsert", """
            {"inputs":[
              {"idProperty":"email","id":"a@example.com","objectWriteTraceId":"1","properties":{"firstname":"A"}},
              {"idProperty":"email","id":"b@example.com","objectWriteTraceId":"2","properties":{"nope":"B"}}]}
            """).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("VALIDATION_ERROR", body.Str("category"));
        await Api.GetAsync("/crm/v3/objects/contacts/a@example.com?idProperty=email").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UpsertByRecordIdIsRejected()
    {
        var body = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/upsert", """
            {"inputs":[{"idProperty":"hs_object_id","id":"1","properties":{}}]}
            """).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("Unable to perform update/upsert by non-unique 0-1 property hs_object_id in portal ID 12345678", body.Str("message"));
    }

    [Fact]
    public async Task BatchArchiveAnswers204()
    {
        var a = await Api.CreateContactAsync("a@example.com");

        using var response = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/archive", $$$"""{"inputs":[{"id":"{{{a}}}"},{"id":"999"}]}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await Api.GetAsync($"/crm/v3/objects/contacts/{a}").ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task MissingInputsIsRejected()
    {
        var body = await Api.PostJsonAsync("/crm/v3/objects/contacts/batch/read", "{}").ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("inputs is required.", body.Str("message"));
        Assert.Equal(JsonValueKind.String, body.GetProperty("correlationId").ValueKind);
    }
}
