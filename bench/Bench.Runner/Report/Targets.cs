using System.Globalization;

namespace HubSpotCrm.Bench.Report;

/// <summary>The issue's targets, checked against the figures. A figure that was not measured is not met.</summary>
internal static class Targets
{
    public const double ContactsPerSecond = 990;
    public const double CallsPerContact = 0.011;
    public const double TicketsPerSecond = 300;
    public const double DealsPerSecond = 200;
    public const double CompaniesPerSecond = 900;
    public const double Max429Share = 0.01;
    public const double SharedBudgetPercentOfCeiling = 90;
    public const double BulkAcceptedPerSecond = 10_000;
    public const double BulkPercentOfCeiling = 90;
    public const double WebhookDeliveriesPerSecond = 1_000;
    public const double WebhookKeepUpPercent = 95;
    public const double ApiRequestsPerSecond = 1100;
    public const double ApiP99Ms = 100;
    public const double IdleLatencyP50Ms = 300;
    public const double WorkerRssMb = 150;

    public static List<Check> Evaluate(WorkloadResult contacts, SharedBudgetResult shared, SharedBudgetResult cluster, WorkloadResult tickets, WorkloadResult deals, WorkloadResult companies,
        BulkResult bulk, WebhookResult? webhooks, ApiIntakeResult? api, LatencyResult? latency, MemoryResult memory)
    {
        WorkloadResult[] bus = [contacts, tickets, deals, companies];
        var calls = bus.Sum(w => w.EndToEnd.HubspotCalls) + bulk.EndToEnd.HubspotCalls + (webhooks?.HubspotCalls ?? 0);
        var http429 = bus.Sum(w => w.Http429) + bulk.EndToEnd.Http429 + (webhooks?.Http429 ?? 0);
        var hooks = webhooks is { Ran: true } ? webhooks : null;
        var notMeasured = webhooks is null ? "not measured" : $"not measured ({webhooks.Status})";
        var bulkNot202 = bulk.Intake.Statuses.Where(s => s.Key != "202").Sum(s => s.Value);
        var failed = bus.Sum(w => w.Failed) + shared.Contacts.Failed + cluster.Contacts.Failed;
        var busRan = bus.All(w => w.EndToEnd.Commands > 0);
        return
        [
            new("Contacts per second", N(contacts.ObjectsPerSecond), $"≥ {N(ContactsPerSecond)}", Ran(contacts) && contacts.ObjectsPerSecond >= ContactsPerSecond),
            new("HubSpot calls per contact", N(contacts.CallsPerObject, "0.0000"), $"≤ {N(CallsPerContact, "0.000")}",
                Ran(contacts) && contacts.CallsPerObject <= CallsPerContact),
            .. SharedBudget(shared, "", contacts),
            .. SharedBudget(cluster, " on a 3-node cluster", contacts),
            new("Tickets per second", N(tickets.ObjectsPerSecond), $"≥ {N(TicketsPerSecond)}", Ran(tickets) && tickets.ObjectsPerSecond >= TicketsPerSecond),
            new("Deals per second", N(deals.ObjectsPerSecond), $"≥ {N(DealsPerSecond)}", Ran(deals) && deals.ObjectsPerSecond >= DealsPerSecond),
            new("Companies per second", N(companies.ObjectsPerSecond), $"≥ {N(CompaniesPerSecond)}", Ran(companies) && companies.ObjectsPerSecond >= CompaniesPerSecond),
            new("429 answers, share of HubSpot calls", $"{N(http429)} of {N(calls)} ({N(calls > 0 ? 100.0 * http429 / calls : 0, "0.00")} %)",
                $"≤ {N(Max429Share * 100)} %", busRan && calls > 0 && http429 <= Max429Share * calls),
            new("Failed commands", N(failed), "0", busRan && failed == 0),
            new("Bulk intake: contacts accepted per second (batches of " + N(bulk.BatchSize) + ")", N(bulk.Intake.ContactsPerSecond),
                $"≥ {N(BulkAcceptedPerSecond)}", bulk.Ran && bulk.Intake.ContactsPerSecond >= BulkAcceptedPerSecond),
            new("Bulk end to end: contacts in HubSpot per second, share of the ceiling",
                $"{N(bulk.EndToEnd.ContactsPerSecond)} /s ({N(bulk.EndToEnd.PercentOfCeiling)} %)", $"≥ {N(BulkPercentOfCeiling)} %",
                bulk.Ran && bulk.EndToEnd.PercentOfCeiling >= BulkPercentOfCeiling),
            new("Bulk failed items", N(bulk.EndToEnd.Failed), "0", bulk.Ran && bulk.EndToEnd.Failed == 0),
            new("Bulk POSTs answered other than 202", bulk.Batches == 0 ? "not measured" : N(bulkNot202), "0", bulk.Batches > 0 && bulkNot202 == 0),
            new("Webhook deliveries per second (single submits)", hooks is null ? notMeasured : N(hooks.DeliveriesPerSecond),
                $"≥ {N(WebhookDeliveriesPerSecond)}", hooks is not null && hooks.DeliveriesPerSecond >= WebhookDeliveriesPerSecond),
            new("Webhook deliveries keep up with the results (per second, same window)",
                hooks is null ? notMeasured : $"{N(hooks.DeliveriesPerSecond)} of {N(hooks.ResultsPerSecond)} /s ({N(hooks.KeepUpPercent)} %)",
                $"≥ {N(WebhookKeepUpPercent)} %", hooks is not null && hooks.KeepUpPercent >= WebhookKeepUpPercent),
            new("Webhook deliveries lost (request final, no delivery after the drain)", hooks is null ? notMeasured : $"{N(hooks.Lost)} of {N(hooks.Final)}" + (hooks.Unread > 0 ? $" ({N(hooks.Unread)} not read)" : ""),
                "0", hooks is not null && hooks.Lost == 0 && hooks.Unread == 0),
            new("Webhook deliveries doubled", hooks is null ? notMeasured : $"{N(hooks.Duplicates)} ({N(hooks.RetriedAttempts)} attempts retried)",
                "≤ attempts retried", hooks is not null && hooks.Duplicates <= hooks.RetriedAttempts),
            new("Webhook deliveries with a bad signature or body", hooks is null ? notMeasured : N(hooks.BadSignatures + hooks.Malformed),
                "0", hooks is not null && hooks.BadSignatures + hooks.Malformed == 0),
            new("Api accepted requests per second", api is null ? "not measured" : N(api.RequestsPerSecond), $"≥ {N(ApiRequestsPerSecond)}",
                api is not null && api.RequestsPerSecond >= ApiRequestsPerSecond),
            new("Api p99 under load (ms)", api is null ? "not measured" : N(api.P99Ms, "0.0"), $"≤ {N(ApiP99Ms)}",
                api is not null && api.Accepted > 0 && api.P99Ms <= ApiP99Ms),
            new("Api answers other than 202", api is null ? "not measured" : N(api.NonAccepted + api.SocketErrors.Values.Sum()), "0",
                api is not null && api.NonAccepted + api.SocketErrors.Values.Sum() == 0),
            new("Idle latency p50, submit → succeeded (ms)", latency is null ? "not measured" : N(latency.P50Ms, "0.0"), $"≤ {N(IdleLatencyP50Ms)}",
                latency is not null && latency.Succeeded > 0 && latency.P50Ms <= IdleLatencyP50Ms),
            new("Worker peak RSS (MB)", memory.WorkerPeakMb is { } rss ? N(rss, "0.0") : "not measured", $"≤ {N(WorkerRssMb)}",
                memory.WorkerPeakMb is { } peak && peak <= WorkerRssMb),
        ];
    }

    private static Check[] SharedBudget(SharedBudgetResult shared, string where, WorkloadResult single)
    {
        var workers = (shared.Workers > 0 ? $"{shared.Workers} Workers" : "Several Workers") + where;
        return
        [
            new($"{workers}, no share configured: contacts per second, share of the ceiling",
                shared.Ran ? $"{N(shared.Contacts.ObjectsPerSecond)} /s ({N(shared.Contacts.PercentOfCeiling)} %; one Worker: {N(single.ObjectsPerSecond)} /s, {N(single.PercentOfCeiling)} %)" : NotRun(shared),
                $"≥ {N(SharedBudgetPercentOfCeiling)} %", shared.Ran && shared.Contacts.PercentOfCeiling >= SharedBudgetPercentOfCeiling),
            new($"{workers}, no share configured: 429 answers, share of HubSpot calls",
                shared.Ran ? $"{N(shared.Contacts.Http429)} of {N(shared.Contacts.EndToEnd.HubspotCalls)} ({N(shared.Http429Percent, "0.00")} %; one Worker: {N(single.Http429)} of {N(single.EndToEnd.HubspotCalls)})" : NotRun(shared),
                $"≤ {N(Max429Share * 100)} %", shared.Ran && shared.Contacts.Http429 <= Max429Share * shared.Contacts.EndToEnd.HubspotCalls),
        ];
    }

    private static string NotRun(SharedBudgetResult shared) => $"not measured ({shared.Status})";

    private static bool Ran(WorkloadResult w) => w.Objects > 0 && w.Status.StartsWith("complete", StringComparison.Ordinal);

    public static string N(double value, string format = "#,0.#") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string N(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
