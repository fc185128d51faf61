namespace HubSpotCrm.EndToEnd.Tests.Validation;

/// <summary>Bad company bodies — domains that name no host, wrong types, too long — are 422 naming the field; nothing is stored or published.</summary>
[Collection(StackCollection.Name)]
public sealed class CompanyBadInputTests(ServiceStack stack)
{
    private const string Companies = "/api/v1/hubspot/companies";

    public static TheoryData<string, string, string> Cases => new()
    {
        { "missing domain", """{"name":"Acme"}""", "domain" },
        { "null domain", """{"domain":null}""", "domain" },
        { "empty domain", """{"domain":""}""", "domain" },
        { "blank domain", """{"domain":"   "}""", "domain" },
        { "domain is a number", """{"domain":42}""", "domain" },
        { "domain is an array", """{"domain":["example.com"]}""", "domain" },
        { "domain is an object", """{"domain":{"host":"example.com"}}""", "domain" },
        { "a single label", """{"domain":"localhost"}""", "domain" },
        { "an IP address", """{"domain":"https://192.168.0.1/admin"}""", "domain" },
        { "an IPv6 address", """{"domain":"http://[2001:db8::1]/"}""", "domain" },
        { "a space in the name", """{"domain":"exa mple.com"}""", "domain" },
        { "an empty label", """{"domain":"example..com"}""", "domain" },
        { "an underscore", """{"domain":"exam_ple.com"}""", "domain" },
        { "an email address", """{"domain":"ada@example.com"}""", "domain" },
        { "credentials in a web address", """{"domain":"https://user:secret@example.com/"}""", "domain" },
        { "a port that is no number", """{"domain":"example.com:http"}""", "domain" },
        { "a scheme only", """{"domain":"https://"}""", "domain" },
        { "SQL injection", """{"domain":"x'; DROP TABLE requests;--"}""", "domain" },
        { "a control character", """{"domain":"example.com\u0007"}""", "domain" },
        { "a right-to-left override", """{"domain":"moc.elpmaxe\u202E"}""", "domain" },
        { "a label of 64 characters", "{\"domain\":\"" + new string('a', 64) + ".com\"}", "domain" },
        { "a name of 254 characters", "{\"domain\":\"" + string.Join('.', Enumerable.Repeat(new string('a', 62), 4)) + ".com\"}", "domain" },
        { "a web address over 2048 characters", "{\"domain\":\"https://example.com/" + new string('p', 2048) + "\"}", "domain" },
        { "name is a number", """{"domain":"example.com","name":7}""", "name" },
        { "name over 256 characters", "{\"domain\":\"example.com\",\"name\":\"" + new string('n', 300) + "\"}", "name" },
        { "name on two lines", """{"domain":"example.com","name":"Acme\nInc"}""", "name" },
        { "contactIds not an array", """{"domain":"example.com","contactIds":"151"}""", "contactIds" },
        { "contactIds not ids", """{"domain":"example.com","contactIds":["abc"]}""", "contactIds[0]" },
        { "a negative contact id", """{"domain":"example.com","contactIds":[-1]}""", "contactIds[0]" },
        { "an object among contactIds", """{"domain":"example.com","contactIds":[{"id":"1"}]}""", "contactIds[0]" },
        { "101 contactIds", "{\"domain\":\"example.com\",\"contactIds\":[" + string.Join(',', Enumerable.Range(1, 101)) + "]}", "contactIds" },
        { "primaryCompany a string", """{"domain":"example.com","primaryCompany":"yes"}""", "primaryCompany" },
        { "primaryCompany a number", """{"domain":"example.com","primaryCompany":1}""", "primaryCompany" },
        { "a bad property name", """{"domain":"example.com","Bad-Name":"x"}""", "Bad-Name" },
        { "an object as property value", """{"domain":"example.com","address":{"city":"x"}}""", "address" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Is_refused_with_the_field_named_and_nothing_stored_or_published(string _, string body, string field)
    {
        await using var probe = await CommandProbe.StartAsync(stack.Broker.AmqpUri);
        var rowsBefore = await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests");

        using var response = await stack.ApiClient.PostRawAsync(Companies, body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"errors should name '{field}': {problem}");
        Assert.NotEmpty(messages.EnumerateArray());
        Assert.Equal(rowsBefore, await stack.Database.ScalarAsync<long>("SELECT count(*) FROM requests"));
        Assert.Equal(0u, await probe.CountAsync());
    }

    [Fact]
    public async Task A_domain_that_names_no_host_says_what_a_domain_is()
    {
        using var response = await stack.ApiClient.PostRawAsync(Companies, """{"domain":"not a domain"}""");

        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("must be a domain name such as example.com, or a web address with one (https://www.example.com/about)",
            problem.GetProperty("errors").GetProperty("domain")[0].GetString());
    }

    [Theory]
    [InlineData("{\"domain\":\"example.com\"", 400)]
    [InlineData("[]", 400)]
    public async Task A_body_that_is_no_JSON_object_is_400(string body, int status)
    {
        using var response = await stack.ApiClient.PostRawAsync(Companies, body);

        Assert.Equal(status, (int)response.StatusCode);
    }
}
