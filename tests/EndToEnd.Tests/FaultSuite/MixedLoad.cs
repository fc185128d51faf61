using System.Collections.Concurrent;

namespace HubSpotCrm.EndToEnd.Tests.FaultSuite;

/// <summary>
/// A mixed load of contact, deal and ticket submissions tagged with one marker, and the count of what HubSpot should
/// hold afterwards: exactly one object per intended object.
/// </summary>
public sealed class MixedLoad
{
    private readonly ServiceStack _stack;
    private readonly string _marker = $"load{Guid.NewGuid():N}"[..16];
    private readonly ConcurrentBag<Guid> _requests = [];

    private MixedLoad(ServiceStack stack, IReadOnlyList<string> contactIds)
    {
        _stack = stack;
        ContactIds = contactIds;
    }

    public IReadOnlyList<string> ContactIds { get; }

    public IReadOnlyCollection<Guid> Requests => _requests;

    public int Contacts { get; private set; }

    public int Deals { get; private set; }

    public int Tickets { get; private set; }

    /// <summary>Creates the contacts that deals and tickets hang on.</summary>
    public static async Task<MixedLoad> PrepareAsync(ServiceStack stack, int contacts)
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, contacts).Select(_ => stack.CreateContactAsync()));
        return new MixedLoad(stack, ids);
    }

    /// <summary>The i-th submission of the load: half contacts, a quarter deals, a quarter tickets.</summary>
    public (string Route, object Body) Submission(int i)
    {
        var contactId = ContactIds[i % ContactIds.Count];
        return (i % 4) switch
        {
            0 or 1 => ("/api/v1/hubspot/contact", TestData.Contact($"{_marker}-{i}@example.com")),
            2 => ("/api/v1/hubspot/deals", new { contactId, deals = new[] { TestData.Deal($"{_marker} deal {i}") } }),
            _ => ("/api/v1/hubspot/tickets", new { contactId, dealIds = Array.Empty<string>(), tickets = new[] { TestData.Ticket($"{_marker} ticket {i}") } }),
        };
    }

    public void Accepted(int i, Guid requestId)
    {
        _requests.Add(requestId);
        lock (_requests)
        {
            switch (i % 4)
            {
                case 0 or 1: Contacts++; break;
                case 2: Deals++; break;
                default: Tickets++; break;
            }
        }
    }

    /// <summary>Submits submissions [from, to) with a few callers at once; every one must be accepted.</summary>
    public async Task SubmitAsync(int from, int to, int callers = 16)
    {
        var next = from - 1;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < to)
            {
                var (route, body) = Submission(i);
                Accepted(i, await _stack.ApiClient.SubmitAsync(route, body));
            }
        }));
    }

    /// <summary>
    /// Every accepted request ends succeeded. A poll the Api refuses to connect counts as not final yet: after a broker
    /// restart the Api may be restarting under its supervisor (see <see cref="ServiceProcess.RestartExitCode"/>).
    /// </summary>
    public async Task AssertAllSucceededAsync(TimeSpan timeout)
    {
        foreach (var request in _requests)
        {
            var status = await Eventually.GetAsync(() => StatusUnlessRefusedAsync(request),
                s => s is { } json && json.GetProperty("status").GetString() is "succeeded" or "failed", $"request {request} to finish", timeout);
            Assert.True(status!.Value.GetProperty("status").GetString() == "succeeded", $"request {request}: {status}");
        }
    }

    private async Task<JsonElement?> StatusUnlessRefusedAsync(Guid request)
    {
        try
        {
            return await _stack.ApiClient.StatusAsync(request);
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConnectionError)
        {
            return null;
        }
    }

    /// <summary>HubSpot holds exactly one contact, deal and ticket per accepted submission: nothing lost, nothing twice.</summary>
    public async Task AssertExactlyOnceAsync()
    {
        var contacts = (await _stack.EmulatorControl.ObjectsAsync("contacts")).Where(c => c.Property("email")?.StartsWith(_marker, StringComparison.Ordinal) == true).ToList();
        var deals = (await _stack.EmulatorControl.ObjectsAsync("deals")).Where(d => d.Property("dealname")?.StartsWith(_marker, StringComparison.Ordinal) == true).ToList();
        var tickets = (await _stack.EmulatorControl.ObjectsAsync("tickets")).Where(t => t.Property("subject")?.StartsWith(_marker, StringComparison.Ordinal) == true).ToList();

        Assert.Equal(Contacts, contacts.Count);
        Assert.Equal(Contacts, contacts.Select(c => c.Property("email")).Distinct().Count());
        Assert.Equal(Deals, deals.Count);
        Assert.Equal(Deals, deals.Select(d => d.Property("dealname")).Distinct().Count());
        Assert.Equal(Tickets, tickets.Count);
        Assert.Equal(Tickets, tickets.Select(t => t.Property("subject")).Distinct().Count());
    }
}
