using System.Text;
using static HubSpotCrm.Bench.Report.Targets;

namespace HubSpotCrm.Bench.Report;

/// <summary>bench/results/latest.md: the figures of latest.json, next to the targets, for people.</summary>
internal static class MarkdownReport
{
    public static string Render(BenchReport r)
    {
        var md = new StringBuilder();
        md.AppendLine("# Benchmark: latest run").AppendLine();
        md.AppendLine($"- **Date**: {r.Date} (run `{r.RunId}`, {N(r.TotalSeconds, "0")} s in the runner)");
        md.AppendLine(r.Source == "head"
            ? $"- **Commit**: `{r.GitCommit}`, exported and built on its own (`BENCH_SOURCE=head`): exactly the committed service"
            : $"- **Commit**: `{r.GitCommit}`, working tree{(r.GitDirty ? " **with uncommitted changes** outside bench/" : " without changes")}");
        md.AppendLine($"- **Machine**: {r.Machine.Nproc} cores ({r.Machine.CpuModel}), {N(r.Machine.MemoryGb)} GiB, {r.Machine.Os}; " +
                      $"load average {r.Machine.LoadAverageAtStart} at start, {r.Machine.LoadAverageAtEnd} at end");
        md.AppendLine("- **Set-up**: everything on this one machine: RabbitMQ, PostgreSQL, the HubSpot emulator, the Worker, the Api " +
                      "(Release builds), the runner and wrk. A fresh RabbitMQ vhost and database for the run.");
        md.AppendLine($"- **Emulator**: {DescribeEmulator(r)}");
        md.AppendLine("- How the figures are measured: [bench/README.md](../README.md). Raw figures: [latest.json](latest.json).").AppendLine();
        var disturbed = Workloads(r).Where(w => w.Workload.Cpu?.Disturbed == true).Select(w => $"{w.Name} ({N(w.Workload.Cpu!.OtherCores, "0.00")} cores)")
            .Concat(r.SharedBudget.Contacts.Cpu?.Disturbed == true ? [$"shared budget ({N(r.SharedBudget.Contacts.Cpu.OtherCores, "0.00")} cores)"] : [])
            .Concat(r.SharedBudgetCluster.Contacts.Cpu?.Disturbed == true ? [$"shared budget on the cluster ({N(r.SharedBudgetCluster.Contacts.Cpu.OtherCores, "0.00")} cores)"] : [])
            .Concat(r.Bulk.EndToEnd.Cpu?.Disturbed == true ? [$"bulk ({N(r.Bulk.EndToEnd.Cpu.OtherCores, "0.00")} cores)"] : [])
            .Concat(r.Webhooks?.Cpu?.Disturbed == true ? [$"webhooks ({N(r.Webhooks.Cpu.OtherCores, "0.00")} cores)"] : [])
            .Concat(r.Api?.Cpu?.Disturbed == true ? [$"Api intake ({N(r.Api.Cpu.OtherCores, "0.00")} cores)"] : [])
            .ToList();
        if (disturbed.Count > 0)
        {
            md.AppendLine($"> **Warning: the machine was not quiet.** Work outside the benchmark used CPU during {string.Join(", ", disturbed)} " +
                          $"of {r.Machine.Nproc}. Figures limited by CPU (the Api intake especially) are lower than this machine gives idle; " +
                          "rerun on a quiet machine before comparing.").AppendLine();
        }

        md.AppendLine("## Figures against the targets").AppendLine();
        md.AppendLine("| Figure | Measured | Target | Met |").AppendLine("|---|---:|---:|:---:|");
        foreach (var check in r.Checks)
        {
            md.AppendLine($"| {check.Name} | {check.Measured} | {check.Target} | {(check.Met == true ? "yes" : "**no**")} |");
        }
        md.AppendLine();

        md.AppendLine("## Bus workloads").AppendLine();
        md.AppendLine("Commands published as plain JSON to the command queues; results counted from the result exchanges. " +
                      "Figures over the measured window (after the warm-up objects finished, to the last result), except where marked.").AppendLine();
        md.AppendLine("| | contacts | tickets | deals | companies |").AppendLine("|---|---:|---:|---:|---:|");
        Row(md, "Objects per command", w => N(w.ObjectsPerCommand), r);
        Row(md, "Warm-up (commands / objects)", w => $"{N(w.Warmup.Commands)} / {N(w.Warmup.Objects)}", r);
        Row(md, "Measured commands", w => N(w.Commands), r);
        Row(md, "Measured objects", w => N(w.Objects), r);
        Row(md, "Seconds", w => N(w.Seconds, "0.00"), r);
        Row(md, "**Objects per second**", w => $"**{N(w.ObjectsPerSecond)}**", r);
        Row(md, "HubSpot calls in the window", w => N(w.HubspotCalls), r);
        Row(md, "HubSpot calls per object (whole workload)", w => N(w.CallsPerObject, "0.0000"), r);
        Row(md, "Percent of ceiling", w => N(w.PercentOfCeiling) + " %", r);
        Row(md, "429 answers (whole workload)", w => N(w.Http429), r);
        Row(md, "Failed commands (whole workload)", w => N(w.Failed), r);
        Row(md, "End to end: objects / s (warm-up included)", w => $"{N(w.EndToEnd.Objects)} / {N(w.EndToEnd.Seconds, "0.0")} s = {N(w.EndToEnd.ObjectsPerSecond)}", r);
        Row(md, "Publishing took (s)", w => N(w.EndToEnd.PublishSeconds, "0.0"), r);
        Row(md, "CPU: machine busy (all cores)", w => w.Cpu is { } c ? $"{N(c.MachineBusyPercent)} %" : "", r);
        Row(md, "CPU: cores used by worker / api / emulator", w => w.Cpu is { } c ? $"{Cores(c, "worker")} / {Cores(c, "api")} / {Cores(c, "emulator")}" : "", r);
        Row(md, "CPU: cores used by rabbitmq / postgresql / runner", w => w.Cpu is { } c ? $"{Cores(c, "rabbitmq")} / {Cores(c, "postgresql")} / {Cores(c, "runner")}" : "", r);
        Row(md, "CPU: cores used by other work on the machine", w => w.Cpu is { } c ? (c.Disturbed ? $"**{N(c.OtherCores, "0.00")}**" : N(c.OtherCores, "0.00")) : "", r);
        Row(md, "Status", w => w.Status, r);
        md.AppendLine();
        md.AppendLine($"Percent of ceiling: contacts — {r.Contacts.PercentOfCeilingDefinition}; tickets and deals — {r.Deals.PercentOfCeilingDefinition}; " +
                      $"companies — {r.Companies.PercentOfCeilingDefinition}.");
        md.AppendLine();
        md.AppendLine("HubSpot calls per route (whole workload, warm-up included):").AppendLine();
        foreach (var (name, w) in Workloads(r))
        {
            var routes = string.Join(", ", w.CallsByRoute.OrderByDescending(c => c.Value).Select(c => $"`{c.Key}` {N(c.Value)}"));
            md.AppendLine($"- {name}: {(routes.Length > 0 ? routes : "none")}");
            if (w.NonSuccessCalls.Count > 0)
            {
                md.AppendLine($"  - answered other than 2xx: {string.Join(", ", w.NonSuccessCalls.Select(c => $"`{c.Key}` {N(c.Value)}"))}");
            }
            foreach (var failure in w.FailureSamples)
            {
                md.AppendLine($"  - failure: {failure}");
            }
        }
        if (r.Setup is { } setup)
        {
            md.AppendLine().AppendLine($"Not measured: {N(setup.Commands)} contacts created through the bus first for the deals and tickets " +
                                       $"({N(setup.Seconds, "0.0")} s). Each deals command is for its own contact; the tickets commands reuse " +
                                       "those contacts, so each ticket is linked to the contact and to its deals.");
        }
        md.AppendLine();

        SharedBudget(md, "Shared budget: several Workers, no share configured", r.SharedBudget, r.Contacts);
        SharedBudget(md, "Shared budget on a 3-node RabbitMQ cluster", r.SharedBudgetCluster, r.Contacts);
        Bulk(md, r.Bulk);
        Webhooks(md, r.Webhooks);

        md.AppendLine("## Api intake").AppendLine();
        if (r.Api is { } api)
        {
            md.AppendLine($"`wrk -t{api.Threads} -c{api.Connections} -d{N(api.Seconds, "0")}s` (after a {api.WarmupSeconds} s warm-up run) " +
                          "posting `/api/v1/hubspot/contact` with a unique email per request and `X-Api-Key`.").AppendLine();
            md.AppendLine("| Accepted (202) per second | p50 | p90 | p99 | max | 202 answers | other answers | socket errors |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            md.AppendLine($"| **{N(api.RequestsPerSecond)}** | {N(api.P50Ms, "0.0")} ms | {N(api.P90Ms, "0.0")} ms | {N(api.P99Ms, "0.0")} ms | " +
                          $"{N(api.MaxMs, "0.0")} ms | {N(api.Accepted)} | {N(api.NonAccepted)} | {N(api.SocketErrors.Values.Sum())} |").AppendLine();
            md.AppendLine($"Conditions: {api.Conditions}").AppendLine();
            md.AppendLine($"For scale, right after: `GET /health/live` (no database, no broker) with the same wrk settings answered " +
                          $"{N(api.HealthLiveRequestsPerSecond)} requests/s for 5 s.");
            if (api.Cpu is { } c)
            {
                md.AppendLine().AppendLine($"CPU during the measured run: machine {N(c.MachineBusyPercent)} % busy; cores used by the Api {Cores(c, "api")}, " +
                                           $"wrk {Cores(c, "wrk")}, worker {Cores(c, "worker")}, postgresql {Cores(c, "postgresql")}, rabbitmq {Cores(c, "rabbitmq")}, " +
                                           $"other work {N(c.OtherCores, "0.00")}.");
            }
            if (api.Statuses.Count > 1)
            {
                md.AppendLine().AppendLine($"Answers by status: {string.Join(", ", api.Statuses.Select(s => $"{s.Key}: {N(s.Value)}"))}");
            }
            md.AppendLine().AppendLine($"Status: {api.Status}");
        }
        else
        {
            md.AppendLine("Not measured (see notes).");
        }
        md.AppendLine();

        md.AppendLine("## Latency at low load").AppendLine();
        if (r.Latency is { } latency)
        {
            md.AppendLine($"{latency.Samples} sequential contact submissions through the Api, each polled on `GET /api/v1/requests/{{id}}` " +
                          $"every {latency.PollIntervalMs} ms until `succeeded`, before any other load. Client side: POST sent → `succeeded` read.").AppendLine();
            md.AppendLine("| | p50 | p99 | mean | max |").AppendLine("|---|---:|---:|---:|---:|");
            md.AppendLine($"| Submit → succeeded, client | **{N(latency.P50Ms, "0.0")} ms** | {N(latency.P99Ms, "0.0")} ms | {N(latency.MeanMs, "0.0")} ms | {N(latency.MaxMs, "0.0")} ms |");
            md.AppendLine($"| createdAt → completedAt, request row | {N(latency.ServerP50Ms, "0.0")} ms | {N(latency.ServerP99Ms, "0.0")} ms | | |");
            md.AppendLine($"| POST → 202 (part of the first row) | {N(latency.SubmitP50Ms, "0.0")} ms | {N(latency.SubmitP99Ms, "0.0")} ms | | |").AppendLine();
            md.AppendLine($"{latency.Succeeded} succeeded, {latency.Failed} did not. Status: {latency.Status}.");
        }
        else
        {
            md.AppendLine("Not measured (see notes).");
        }
        md.AppendLine();

        md.AppendLine("## Memory").AppendLine();
        md.AppendLine("| Process | Peak RSS |").AppendLine("|---|---:|");
        md.AppendLine($"| Worker | {Mb(r.Memory.WorkerPeakMb)} |");
        md.AppendLine($"| Api | {Mb(r.Memory.ApiPeakMb)} |").AppendLine();
        md.AppendLine(r.Memory.Source).AppendLine();
        if (r.Memory.PeakSoFarAfterPhase.Count > 0)
        {
            md.AppendLine("Peak so far after each phase (Worker / Api): " +
                          string.Join(", ", r.Memory.PeakSoFarAfterPhase.Select(p => $"{p.Phase} {Mb(p.WorkerPeakMb)} / {Mb(p.ApiPeakMb)}")) + ".").AppendLine();
        }

        if (r.Notes.Count > 0)
        {
            md.AppendLine("## Notes").AppendLine();
            foreach (var note in r.Notes)
            {
                md.AppendLine($"- {note}");
            }
            md.AppendLine();
        }
        return md.ToString();
    }

    private static void SharedBudget(StringBuilder md, string title, SharedBudgetResult shared, WorkloadResult single)
    {
        md.AppendLine($"## {title}").AppendLine();
        if (shared.Workers == 0)
        {
            md.AppendLine($"Not measured ({shared.Status}; see notes).").AppendLine();
            return;
        }
        var c = shared.Contacts;
        var who = shared.WithBenchWorker
            ? $"the bench's Worker and {shared.Workers - 1} that run.sh started frozen and the runner let go on for this phase only (stopped after it)"
            : $"{shared.Workers} that run.sh started frozen and the runner let go on for this phase only (stopped after it)";
        md.AppendLine($"{shared.Workers} Workers of the same build and settings, none with `HubSpot__RateLimits__Share`: {who}, on {shared.Broker}. Once " +
                      $"`hubspot.upsert-contact` had {shared.Workers} consumers and every Worker had logged taking its share, `UpsertContact` " +
                      "commands went to the queue as in the contacts phase: one window of the Workers' combined budget as warm-up, then " +
                      "whole windows measured.").AppendLine();
        md.AppendLine($"| Figure | {shared.Workers} Workers | one Worker (contacts) | Target |").AppendLine("|---|---:|---:|---:|");
        md.AppendLine($"| Warm-up / measured contacts | {N(c.Warmup.Objects)} / {N(c.Objects)} | {N(single.Warmup.Objects)} / {N(single.Objects)} | |");
        md.AppendLine($"| **Contacts per second** (measured window, {N(c.Seconds, "0.00")} s / {N(single.Seconds, "0.00")} s) | **{N(c.ObjectsPerSecond)}** | {N(single.ObjectsPerSecond)} | |");
        md.AppendLine($"| Share of the ceiling (1,100 /s) | **{N(c.PercentOfCeiling)} %** | {N(single.PercentOfCeiling)} % | ≥ {N(SharedBudgetPercentOfCeiling)} % |");
        md.AppendLine($"| From the first publish, warm-up included | {N(c.EndToEnd.ObjectsPerSecond)} /s ({N(c.EndToEnd.Objects)} in {N(c.EndToEnd.Seconds, "0.0")} s) | " +
                      $"{N(single.EndToEnd.ObjectsPerSecond)} /s | |");
        md.AppendLine($"| HubSpot calls (whole workload) | {N(c.EndToEnd.HubspotCalls)} | {N(single.EndToEnd.HubspotCalls)} | |");
        md.AppendLine($"| **429 answers** (whole workload) | **{N(c.Http429)} ({N(shared.Http429Percent, "0.00")} %)** | {N(single.Http429)} | ≤ {N(Max429Share * 100)} % |");
        md.AppendLine($"| HubSpot calls per contact | {N(c.CallsPerObject, "0.0000")} | {N(single.CallsPerObject, "0.0000")} | |");
        md.AppendLine($"| Failed commands | {N(c.Failed)} | {N(single.Failed)} | 0 |").AppendLine();
        md.AppendLine($"Most calls admitted in any 10 s: not measured. {shared.WindowMeasure}").AppendLine();
        md.AppendLine("| Worker | Share it took | Calls per 10 s it allows itself | HubSpot calls (its /metrics) | of them 429 | Cores used |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var w in shared.PerWorker)
        {
            md.AppendLine($"| {w.Name} | {(w.Share is { } s ? N(s, "0.###") : "none logged")} | {(w.CallsPer10S is { } calls ? N(calls) : "")} | " +
                          $"{(w.HubspotCalls is { } h ? N(h) : "not read")} | {(w.Http429 is { } t ? N(t) : "")} | {(w.Cores is { } k ? N(k, "0.00") : "")} |");
        }
        md.AppendLine();
        md.AppendLine($"Timing: SIGCONT → {shared.Workers} consumers on the queue {N(shared.ContinueToConsumersSeconds, "0.0")} s; → every share logged " +
                      $"{(shared.ConsumersToSharesSeconds is { } shares ? N(shares, "0.0") + " s" : "not in time")}; first publish {N(shared.QuietBeforeSeconds, "0.0")} s " +
                      $"after the phase began (at least 10.5 s, so that the previous phase's calls had left HubSpot's window); stopping" +
                      (shared.WithBenchWorker ? ", until the Worker was alone with the whole budget again, " : " the Workers ") +
                      $"{N(shared.StopSeconds, "0.0")} s; the whole phase {N(shared.PhaseSeconds, "0")} s.").AppendLine();
        if (c.Cpu is { } cpu)
        {
            md.AppendLine($"CPU: machine {N(cpu.MachineBusyPercent)} % busy; cores used by rabbitmq {Cores(cpu, "rabbitmq")}, api {Cores(cpu, "api")}, " +
                          $"postgresql {Cores(cpu, "postgresql")}, emulator {Cores(cpu, "emulator")}, runner {Cores(cpu, "runner")}, other work " +
                          $"{(cpu.Disturbed ? $"**{N(cpu.OtherCores, "0.00")}**" : N(cpu.OtherCores, "0.00"))}.").AppendLine();
        }
        if (c.NonSuccessCalls.Count > 0)
        {
            md.AppendLine($"Answered other than 2xx: {string.Join(", ", c.NonSuccessCalls.Select(x => $"`{x.Key}` {N(x.Value)}"))}.").AppendLine();
        }
        foreach (var failure in c.FailureSamples)
        {
            md.AppendLine($"- failure: {failure}");
        }
        md.AppendLine($"Conditions: {shared.Conditions}").AppendLine();
        md.AppendLine($"Status: {shared.Status}").AppendLine();
    }

    private static void Bulk(StringBuilder md, BulkResult bulk)
    {
        md.AppendLine("## Bulk submissions").AppendLine();
        if (bulk.Batches == 0)
        {
            md.AppendLine($"Not measured ({bulk.Status}; see notes).").AppendLine();
            return;
        }
        var intake = bulk.Intake;
        var e2e = bulk.EndToEnd;
        md.AppendLine($"{bulk.Clients} clients, each on its own connection, post `/api/v1/hubspot/contacts/batch` with {N(bulk.Batches)} batches of " +
                      $"{N(bulk.BatchSize)} unique contacts (`X-Api-Key`), each client its next batch as soon as the last is answered; every " +
                      "accepted batch is then followed on `GET /api/v1/batches/{id}` (`Prefer: wait`) until it is `completed`, and the contact " +
                      "queue waited on until empty. One small batch warmed the routes up first, not measured.").AppendLine();
        md.AppendLine("| Figure | Measured | Target |").AppendLine("|---|---:|---:|");
        md.AppendLine($"| Intake: contacts accepted per second (first POST → last 202) | **{N(intake.ContactsPerSecond)}** " +
                      $"({N(intake.ContactsAccepted)} in {N(intake.Seconds, "0.00")} s) | ≥ {N(BulkAcceptedPerSecond)} |");
        md.AppendLine($"| Intake: batch POST → answer, p50 / p99 / max ({N(intake.Statuses.Values.Sum())} POSTs) | " +
                      $"{N(intake.P50Ms, "0.0")} / {N(intake.P99Ms, "0.0")} / {N(intake.MaxMs, "0.0")} ms | |");
        md.AppendLine($"| Intake: answers by status | {string.Join(", ", intake.Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {N(s.Value)}"))} | all 202 |");
        md.AppendLine($"| End to end: contacts in HubSpot per second (first POST → last item completed) | **{N(e2e.ContactsPerSecond)}** " +
                      $"({N(e2e.Succeeded)} in {N(e2e.Seconds, "0.00")} s) | |");
        md.AppendLine($"| End to end: share of the ceiling | **{N(e2e.PercentOfCeiling)} %** | ≥ {N(BulkPercentOfCeiling)} % |");
        if (bulk.Sustained is { } sustained)
        {
            md.AppendLine($"| Sustained: after the first {N(sustained.AfterContacts)} contacts had completed | {N(sustained.ContactsPerSecond)} /s " +
                          $"({N(sustained.PercentOfCeiling)} %, {N(sustained.Contacts)} in {N(sustained.Seconds, "0.00")} s) | |");
        }
        md.AppendLine($"| Backlog cleared, last 202 → last item completed | {N(e2e.DrainSeconds, "0.00")} s | |");
        md.AppendLine($"| HubSpot calls per contact | {N(e2e.CallsPerContact, "0.0000")} ({N(e2e.HubspotCalls)} calls) | |");
        md.AppendLine($"| New contacts in HubSpot over the phase | {N(e2e.ContactsCreatedInHubspot)}" +
                      (e2e.ContactsCreatedInHubspot > e2e.Succeeded ? $" ({N(e2e.ContactsCreatedInHubspot - e2e.Succeeded)} from batches not answered 202)" : "") + " | |");
        md.AppendLine($"| 429 answers | {N(e2e.Http429)} | |");
        md.AppendLine($"| Failed items | {N(e2e.Failed)} | 0 |");
        md.AppendLine($"| Batches completed | {N(e2e.BatchesCompleted)} of {N(intake.BatchesAccepted)} accepted ({N(e2e.StillAccepted)} items not final) | |");
        md.AppendLine($"| Commands left in the contact queue at the end of the phase | {N(bulk.LeftInQueue)} | |").AppendLine();
        md.AppendLine($"Share of the ceiling: {e2e.PercentOfCeilingDefinition}.").AppendLine();
        foreach (var (name, cpu) in new[] { ("intake", intake.Cpu), ("whole phase", e2e.Cpu) })
        {
            if (cpu is { } c)
            {
                md.AppendLine($"CPU, {name}: machine {N(c.MachineBusyPercent)} % busy; cores used by the Api {Cores(c, "api")}, postgresql {Cores(c, "postgresql")}, " +
                              $"rabbitmq {Cores(c, "rabbitmq")}, worker {Cores(c, "worker")}, emulator {Cores(c, "emulator")}, runner {Cores(c, "runner")}, " +
                              $"other work {(c.Disturbed ? $"**{N(c.OtherCores, "0.00")}**" : N(c.OtherCores, "0.00"))}.").AppendLine();
            }
        }
        var routes = string.Join(", ", e2e.CallsByRoute.OrderByDescending(c => c.Value).Select(c => $"`{c.Key}` {N(c.Value)}"));
        md.AppendLine($"HubSpot calls per route: {(routes.Length > 0 ? routes : "none")}.");
        if (e2e.NonSuccessCalls.Count > 0)
        {
            md.AppendLine($"Answered other than 2xx: {string.Join(", ", e2e.NonSuccessCalls.Select(c => $"`{c.Key}` {N(c.Value)}"))}.");
        }
        var samples = intake.ErrorSamples.Select(e => $"- POST not accepted: {e}").Concat(bulk.FailureSamples.Select(f => $"- failed item: {f}")).ToList();
        if (samples.Count > 0)
        {
            md.AppendLine();
            samples.ForEach(sample => md.AppendLine(sample));
        }
        md.AppendLine().AppendLine($"Conditions: {bulk.Conditions}").AppendLine();
        md.AppendLine($"Status: {bulk.Status}").AppendLine();
    }

    private static void Webhooks(StringBuilder md, WebhookResult? hooks)
    {
        md.AppendLine("## Completion webhooks").AppendLine();
        if (hooks is null)
        {
            md.AppendLine("Not measured (see notes).").AppendLine();
            return;
        }
        var submitted = hooks.Submissions;
        md.AppendLine($"{hooks.Clients} clients post single contacts to `/api/v1/hubspot/contact` as the webhook client (its own API key; its " +
                      $"configured Url is the runner's receiver, Kestrel on 127.0.0.1), paced at {N(hooks.SubmitPerSecondTarget)}/s, above HubSpot's " +
                      "ceiling, so that results flow as fast as HubSpot allows. The receiver checks every delivery's signature with " +
                      "`StandardWebhooks` and keeps the first copy per `webhook-id`. Final → received: the body's `completedAt` (the " +
                      "request's final time as the Api recorded it) to the receiver reading the delivery. After the last submission the " +
                      "deliveries are waited for; the requests still without one are read on `GET /api/v1/requests/{id}`. Five contacts " +
                      "warmed the path up first, one at a time, each delivered before the next; not measured.").AppendLine();
        md.AppendLine("| Figure | Measured | Target |").AppendLine("|---|---:|---:|");
        md.AppendLine($"| Submissions accepted per second | {N(submitted.AcceptedPerSecond)} ({N(submitted.Accepted)} of {N(submitted.Sent)} in " +
                      $"{N(submitted.Seconds, "0.00")} s; POST p50 {N(submitted.P50Ms, "0.0")} ms, p99 {N(submitted.P99Ms, "0.0")} ms) | |");
        md.AppendLine($"| **Deliveries per second** (window of {N(hooks.WindowSeconds, "0.0")} s) | **{N(hooks.DeliveriesPerSecond)}** | ≥ {N(WebhookDeliveriesPerSecond)} |");
        md.AppendLine($"| Results (requests final) per second, same window | {N(hooks.ResultsPerSecond)} ({N(hooks.ResultsPercentOfCeiling)} % of HubSpot's ceiling) | |");
        md.AppendLine($"| Deliveries / results | **{N(hooks.KeepUpPercent)} %** | ≥ {N(WebhookKeepUpPercent)} % |");
        md.AppendLine($"| Final → received, p50 / p90 / p99 / max | **{N(hooks.FinalToReceivedP50Ms, "0.0")}** / {N(hooks.FinalToReceivedP90Ms, "0.0")} / " +
                      $"**{N(hooks.FinalToReceivedP99Ms, "0.0")}** / {N(hooks.FinalToReceivedMaxMs, "0.0")} ms | |");
        md.AppendLine($"| Delivered (distinct webhook-ids) | {N(hooks.Delivered)} of {N(hooks.Final)} final requests | |");
        md.AppendLine($"| Lost: final with no delivery after the drain | {N(hooks.Lost)}" +
                      (hooks.LostByWebhookState.Count > 0 ? $" (webhook {string.Join(", ", hooks.LostByWebhookState.Select(s => $"{s.Key}: {N(s.Value)}"))})" : "") + " | 0 |");
        md.AppendLine($"| Not final at the end / not read | {N(hooks.NotFinal)} / {N(hooks.Unread)} | |");
        md.AppendLine($"| Duplicates (copies beyond the first) | {N(hooks.Duplicates)} | ≤ {N(hooks.RetriedAttempts)} attempts retried |");
        md.AppendLine($"| Bad signatures / signed but malformed bodies / deliveries for requests without a 202 | {N(hooks.BadSignatures)} / {N(hooks.Malformed)} / {N(hooks.Unexpected)} | 0 / 0 / 0 |");
        md.AppendLine($"| Last submission → last delivery | {N(hooks.DrainSeconds, "0.00")} s | |");
        md.AppendLine($"| The Api's delivery attempts by outcome | " +
                      (hooks.ApiOutcomes.Count > 0 ? string.Join(", ", hooks.ApiOutcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}: {N(o.Value)}")) : "none counted") + " | |");
        md.AppendLine($"| HubSpot calls / 429 answers | {N(hooks.HubspotCalls)} / {N(hooks.Http429)} | |").AppendLine();
        md.AppendLine($"Window: {hooks.WindowDefinition}. Submission answers by status: " +
                      string.Join(", ", submitted.Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}: {N(s.Value)}")) + ".").AppendLine();
        if (hooks.Cpu is { } c)
        {
            md.AppendLine($"CPU while submitting: machine {N(c.MachineBusyPercent)} % busy; cores used by the Api {Cores(c, "api")}, worker {Cores(c, "worker")}, " +
                          $"postgresql {Cores(c, "postgresql")}, rabbitmq {Cores(c, "rabbitmq")}, emulator {Cores(c, "emulator")}, runner (clients and receiver) " +
                          $"{Cores(c, "runner")}, other work {(c.Disturbed ? $"**{N(c.OtherCores, "0.00")}**" : N(c.OtherCores, "0.00"))}.").AppendLine();
        }
        var samples = hooks.MissingSamples.Select(m => $"- without a delivery: {m}").Concat(hooks.ReceiverProblems.Select(p => $"- receiver: {p}")).ToList();
        if (samples.Count > 0)
        {
            samples.ForEach(sample => md.AppendLine(sample));
            md.AppendLine();
        }
        md.AppendLine($"Conditions: {hooks.Conditions}").AppendLine();
        md.AppendLine($"Status: {hooks.Status}").AppendLine();
    }

    private static string DescribeEmulator(BenchReport r)
    {
        var limits = r.EmulatorSettings["rateLimits"];
        var faults = r.EmulatorSettings["faults"];
        return $"rate limits {(limits?["enabled"]?.GetValue<bool>() == true ? "on" : "OFF")}, " +
               $"{limits?["tenSecondly"]} calls per rolling 10 s, {limits?["searchPerSecond"]} searches/s, " +
               $"{faults?["latencyMs"]} ms added to every CRM call (jitter {faults?["jitterMs"]} ms), no injected errors";
    }

    private static IEnumerable<(string Name, WorkloadResult Workload)> Workloads(BenchReport r) =>
        [("contacts", r.Contacts), ("tickets", r.Tickets), ("deals", r.Deals), ("companies", r.Companies)];

    private static void Row(StringBuilder md, string name, Func<WorkloadResult, string> cell, BenchReport r) =>
        md.AppendLine($"| {name} | {cell(r.Contacts)} | {cell(r.Tickets)} | {cell(r.Deals)} | {cell(r.Companies)} |");

    private static string Cores(CpuUsage cpu, string process) => cpu.CoresByProcess.TryGetValue(process, out var cores) ? N(cores, "0.00") : "?";

    private static string Mb(double? mb) => mb is { } value ? $"{N(value, "0.0")} MB" : "not measured";
}
