using HubSpotCrm.EndToEnd.Tests.Api;

namespace HubSpotCrm.EndToEnd.Tests.Interop;

/// <summary>
/// The forms other languages write a request id in. The 36-character form (8-4-4-4-12 hex digits, either case) is
/// the one the wire contract takes; any other form is refused with a CommandFailed naming requestId, which carries the
/// id, so the publisher's GET /api/v1/requests/{id} answers failed instead of 404 forever.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RequestIdFormTests(ServiceStack stack)
{
    /// <summary>(how a language writes it, the form, whether the contract takes it)</summary>
    public static TheoryData<string, string, bool> Forms => new()
    {
        { "Python str(uuid4()), Java UUID.toString(), JavaScript crypto.randomUUID(), Go uuid.String()", "D", true },
        { "SQL Server NEWID(), PowerShell [guid] as text, upper-cased ids", "D-upper", true },
        { "Python uuid4().hex, Go hex.EncodeToString", "N", false },
        { "C# Guid.ToString(\"B\"), Windows registry and COM", "B", false },
        { "C# Guid.ToString(\"P\")", "P", false },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_request_id_written_as_other_languages_write_it_is_processed_or_refused_with_an_answer(string writtenBy, string form, bool taken)
    {
        var id = Guid.NewGuid();
        var written = form == "D-upper" ? id.ToString("D").ToUpperInvariant() : id.ToString(form);
        var email = TestData.Email("idform");
        var body = $$$"""{"requestId":"{{{written}}}","email":"{{{email}}}","properties":{"firstname":"Form {{{form}}}"}}""";

        await stack.Broker.Management.PublishAsync("hubspot.upsert-contact", "", body);

        var status = await stack.ApiClient.WaitForFinalAsync(id, TimeSpan.FromSeconds(30));
        using var asWritten = await stack.ApiClient.Http.GetAsync($"/api/v1/requests/{Uri.EscapeDataString(written)}");
        Assert.Equal(HttpStatusCode.OK, asWritten.StatusCode);
        Assert.Equal(status.Status(), JsonDocument.Parse(await asWritten.Content.ReadAsStringAsync()).RootElement.Status());
        if (taken)
        {
            Assert.True(status.Status() == "succeeded", $"{writtenBy}: {status}");
            Assert.Single(await stack.EmulatorControl.ObjectsAsync("contacts"), c => c.Property("email") == email);
            return;
        }
        Assert.True(status.Status() == "failed", $"{writtenBy}: {status}");
        var error = status.GetProperty("error");
        Assert.Equal("invalid_command", error.GetProperty("code").GetString());
        Assert.Contains("requestId", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("36-character", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var parked = await Eventually.GetAsync(() => stack.Broker.Management.PeekAsync("hubspot.upsert-contact_error"),
            messages => messages.Any(m => m.Payload.Contains(email, StringComparison.Ordinal)), "the command in _error");
        Assert.Contains("requestId", parked.Single(m => m.Payload.Contains(email, StringComparison.Ordinal)).Header("MT-Fault-Message"), StringComparison.Ordinal);
        Assert.DoesNotContain(await stack.EmulatorControl.ObjectsAsync("contacts"), c => c.Property("email") == email);
    }
}
