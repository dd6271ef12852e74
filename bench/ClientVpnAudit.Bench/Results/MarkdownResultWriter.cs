using System.Globalization;
using System.Text;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Bench.Polls;

namespace ClientVpnAudit.Bench.Results;

/// <summary>latest.md: the tables a person reads, the targets, the checks, and how each number was obtained.</summary>
internal static class MarkdownResultWriter
{
    public static void Write(string path, IReadOnlyList<ScenarioResult> results, Queries.QueryBenchResult? queries, BenchOptions options, Machine machine,
        FanOut.FanOutResult? fanOut = null)
    {
        var md = new StringBuilder();
        Line(md, "# Benchmark: one poll's time, DynamoDB cost and memory");
        Line(md);
        Line(md, Invariant($"Produced by `./bench/run{(options.Quick ? " --quick" : "")}` on {DateTime.UtcNow:yyyy-MM-dd} (UTC). Machine: {machine.Cores} cores ({machine.Cpu}), ")
            + Invariant($"{machine.MemoryGb:0.#} GB, {machine.Os}, {machine.Runtime}. Injected latency per request: EC2 {options.Latency.Ec2.TotalMilliseconds:0} ms, ")
            + Invariant($"DynamoDB {options.Latency.DynamoDb.TotalMilliseconds:0} ms. Archiver at its defaults: MAX_CONCURRENCY {options.EffectiveMaxConcurrency}, ")
            + Invariant($"ACTIVE_REFRESH_MINUTES {ArchiverOptions.DefaultActiveRefreshMinutes}, 8 writes in flight per endpoint, BatchGetItem of 100; ")
            + Invariant($"TIME_BUDGET_SECONDS raised from {ArchiverOptions.DefaultTimeBudgetSeconds} to {options.TimeBudgetSeconds} so that every poll completes and is timed whole. ")
            + Invariant($"The run took {results.Sum(result => result.ScenarioSeconds):0} s ({string.Join(", ", results.Select(result => $"{result.Spec.Name} {result.ScenarioSeconds:0} s"))}), build not included."));
        if (machine.LoadAverage is { } load)
        {
            Line(md);
            Line(md, $"Load average when the run ended (1, 5, 15 min): {load}, on {machine.Cores} cores. "
                + (machine.Loaded
                    ? "**Above the core count: other processes shared the CPU during the run, so the wall times, CPU seconds and memory peaks here are inflated**; the request counts and the write and read units do not depend on it."
                    : "Not above the core count."));
        }

        Line(md);
        Line(md, "First = the first poll, into an empty table. Steady = the mean of polls 3-5 (minutes 15-25), one full refresh cycle "
            + "(the naive poller: poll 1, its cost being the same at every poll after the first). WRU / RRU = write / read request "
            + "units by DynamoDB's rules, index writes included (in brackets: the index share). Model s = the poll's time if the store "
            + "and CPU were instant and only the injected latency counted (see the method).");
        Line(md);
        Line(md, "| scenario | poller | phase | wall s | model s | EC2 requests | DynamoDB requests | writes | WRU (index) | RRU | peak working set MB | allocated MB | CPU s |");
        Line(md, "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            Row(md, result.Spec.Name, "archiver", "first", result.ArchiverFirst);
            Row(md, result.Spec.Name, "archiver", "steady", result.ArchiverSteady);
            if (result.NaiveFirst is { } naiveFirst)
            {
                Row(md, result.Spec.Name, "naive", "first", naiveFirst);
                Row(md, result.Spec.Name, "naive", "steady", result.NaiveSteady!);
            }

            Line(md, Invariant($"| {result.Spec.Name} | *necessary minimum* | first | | | | | {result.Minimum[0].Writes:N0} | {result.MinimumFirst:N0} | | | | |"));
            Line(md, Invariant($"| {result.Spec.Name} | *necessary minimum* | steady | | | | | {result.MinimumWritesSteady:N0} | {result.MinimumSteady:N0} | | | | |"));
        }

        FanOut.FanOutMarkdown.Summary(md, fanOut);
        foreach (var result in results)
        {
            Scenario(md, result);
        }

        FanOut.FanOutMarkdown.Section(md, fanOut);
        if (queries is not null)
        {
            QueryResultWriter.Markdown(md, queries);
        }

        Method(md);
        File.WriteAllText(path, md.ToString());
    }

    private static void Scenario(StringBuilder md, ScenarioResult result)
    {
        var first = result.ArchiverFirst;
        var steady = result.ArchiverSteady;
        Line(md);
        Line(md, Invariant($"## {result.Spec.Name}: {result.Spec.Endpoints} endpoints x {result.Spec.ConnectionsPerEndpoint:N0} connections ({result.Spec.Connections:N0} listed per poll)"));
        Line(md);
        Line(md, "Targets (reported, not asserted):");
        Line(md);
        foreach (var target in Targets.For(result))
        {
            Line(md, $"- {target.Describe()}");
        }

        if (result.NaiveSteady is { } naive)
        {
            Line(md, Invariant($"- for reference, steady write *requests* archiver / naive: {steady.WriteRequests / naive.WriteRequests:0.###}x ({steady.WriteRequests:N0} vs {naive.WriteRequests:N0}); ")
                + Invariant($"steady wall time by the latency model, archiver / naive: {steady.ModelSeconds / naive.ModelSeconds:0.###}x"));
        }

        Line(md, Invariant($"- first poll write units, archiver / necessary minimum: {first.WriteUnits / result.MinimumFirst:0.###}x"));
        Line(md, Invariant($"- before / after the day index (the same required writes priced in both layouts; before: ByEndpoint and ByIdentity INCLUDE the summary attributes, no ByEstablishedDay): ")
            + Invariant($"necessary minimum steady {result.PreviousLayoutMinimumSteady:N0} -> {result.MinimumSteady:N0} WRU per poll, first poll {result.PreviousLayoutMinimumFirst:N0} -> {result.MinimumFirst:N0}; ")
            + Invariant($"the archiver's steady poll after: {steady.WriteUnits:N0}"));
        Line(md);
        Line(md, Invariant($"Lower bound of the wall time: {result.EndpointListingPages} endpoint-listing page + {result.PagesPerEndpoint} page(s) of one endpoint, one after another, ")
            + Invariant($"x {result.Latency.Ec2.TotalMilliseconds:0} ms = **{result.LowerBoundSeconds:0.00} s**. The archiver takes {first.WallSeconds / result.LowerBoundSeconds:0.0}x that on the first poll ")
            + Invariant($"and {steady.WallSeconds / result.LowerBoundSeconds:0.0}x in the steady state ({first.ModelSeconds / result.LowerBoundSeconds:0.0}x and {steady.ModelSeconds / result.LowerBoundSeconds:0.0}x by the latency model). ")
            + Invariant($"With {result.MaxConcurrency} endpoints at a time the EC2 chain alone is {result.ConcurrencyBoundSeconds:0.00} s ")
            + Invariant($"(1 listing page + ceil({result.Spec.Endpoints}/{result.MaxConcurrency}) x {result.PagesPerEndpoint} page(s)), {result.ConcurrencyBoundSeconds / result.LowerBoundSeconds:0.0}x the lower bound."));
        Line(md);
        var slowest = result.ArchiverSlowest;
        var cpu = slowest.Result.CpuSeconds - slowest.Result.DynamoDb.AccountingCpuSeconds;
        Line(md, Invariant($"CPU: the slowest archiver poll (poll {slowest.Poll}) used {cpu:0.0} CPU-seconds on this machine; at {Pricing.LambdaMemoryMb} MB Lambda gives ")
            + Invariant($"{LambdaCpu.Share(Pricing.LambdaMemoryMb):0.00} vCPU, so the CPU alone would take about {LambdaCpu.SecondsAt(cpu, Pricing.LambdaMemoryMb):0} s ")
            + Invariant($"(about {LambdaCpu.SecondsAt(cpu, 512):0} s at 512 MB, {LambdaCpu.SecondsAt(cpu, 1024):0} s at 1,024 MB; 1,769 MB is 1 vCPU)."));
        Line(md);
        Line(md, Invariant($"Monthly cost, polled every 5 minutes ({Pricing.PollsPerMonth:N0} polls; {Pricing.Region}, {Pricing.AsOf}; Lambda arm64 at {Pricing.LambdaMemoryMb} MB billed for the steady wall time as measured here):"));
        Line(md);
        Line(md, "| poller | DynamoDB writes | DynamoDB reads | Lambda compute | Lambda requests | total per month |");
        Line(md, "|---|---:|---:|---:|---:|---:|");
        Cost(md, "archiver", MonthlyCost.Of(steady));
        if (result.NaiveSteady is { } naiveSteady)
        {
            Cost(md, "naive", MonthlyCost.Of(naiveSteady));
        }

        Line(md);
        Line(md, "Every poll:");
        Line(md);
        Line(md, "| poll | poller | wall s | model s | CPU s | inserted | updated | unchanged | lost | writes | WRU | minimum writes / WRU | RRU | DynamoDB requests | peak MB |");
        Line(md, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var poll in result.Archiver.Concat(result.Naive).OrderBy(p => p.Poll))
        {
            var r = poll.Result;
            var archiver = r.Poller == PollCommand.Archiver;
            var minimum = archiver ? Invariant($"{result.Minimum[poll.Poll].Writes:N0} / {result.Minimum[poll.Poll].WriteUnits:N0}") : "";
            var inserted = archiver ? r.Inserted.ToString("N0", CultureInfo.InvariantCulture) : "";
            var unchanged = archiver ? r.Unchanged.ToString("N0", CultureInfo.InvariantCulture) : "";
            var lost = archiver ? r.MarkedLost.ToString(CultureInfo.InvariantCulture) : "";
            Line(md, Invariant($"| {poll.Poll} | {(archiver ? "archiver" : "naive")} | {r.WallSeconds:0.00} | {LatencyModel.Seconds(poll, result):0.00} | ")
                + Invariant($"{r.CpuSeconds - r.DynamoDb.AccountingCpuSeconds:0.0} | {inserted} | {r.Updated:N0} | {unchanged} | {lost} | ")
                + Invariant($"{r.DynamoDb.WriteRequests:N0} | {r.DynamoDb.WriteUnits:N0} | {minimum} | {r.DynamoDb.ReadUnits:N1} | {r.DynamoDb.Requests:N0} | {r.PeakWorkingSetBytes / 1048576.0:0} |")
                + (r.Succeeded ? "" : $" FAILED: {r.Error}"));
        }

        Line(md);
        var latencies = result.Archiver.Concat(result.Naive).Select(p => p.Result).ToList();
        var naiveLatency = result.Naive.Count > 0 ? Invariant($", {result.Naive.Average(p => p.Result.DynamoDbLatencyMs):0.0} ms (naive)") : "";
        Line(md, Invariant($"Injected latency as achieved (mean per request over the polls): EC2 {latencies.Average(r => r.Ec2LatencyMs):0.0} ms, ")
            + Invariant($"DynamoDB {result.Archiver.Average(p => p.Result.DynamoDbLatencyMs):0.0} ms (archiver){naiveLatency}; ")
            + "above the setting when the machine's cores are saturated and a delay's continuation waits for a thread.");
        var polls = result.Archiver.Concat(result.Naive).Select(p => p.Result.DynamoDb).ToList();
        Line(md, Invariant($"Cross-check: dynalite's own report (the table only, no index writes) adds up to {polls.Sum(c => c.StoreReportedUnits):N1} units over these polls; ")
            + Invariant($"the bench's table-only share (WRU without the index writes, plus RRU) to {polls.Sum(c => c.WriteUnits - c.IndexWriteUnits + c.ReadUnits):N1}."));
        Line(md);
        Line(md, "Archive checks (every stored session against what the scenario implies):");
        Line(md);
        Verdict(md, "archiver", result.ArchiverVerdict);
        if (result.Spec.WithNaive)
        {
            Verdict(md, "naive", result.NaiveVerdict);
        }
    }

    private static void Method(StringBuilder md)
    {
        Line(md);
        Line(md, "## How the numbers are made");
        Line(md);
        Line(md, """
            - **Scenario.** E endpoints x C connections listed per endpoint at every poll, polls five minutes apart, six polls (25 minutes). At every poll the listing is 80% active sessions already seen, 5% sessions new since the previous poll and 15% sessions terminated within the last hour: between two polls 5% of the active sessions (chosen at random, seeded) end and 5% new ones start. With a fixed 15% terminated and 5% ending per interval, a terminated session stays listed for three polls (15 minutes) instead of AWS's 60; listing it longer would add only reads of an unchanged item for the archiver (and 1 WRU per poll for the naive poller), never a required write. Sessions carry a Username (60%) or only a certificate CommonName, a client IP, posture statuses (30%), and counters that grow every poll. Timestamps are AWS's: a terminated connection's is frozen at its ConnectionEndTime (so a session that ended within seconds of the previous poll reports its end stamped before its last active answer), an active one's is the poll time plus 0-3 s (seeded). Every poll's listing is written as an emulator snapshot (AWS CLI JSON) under bench/results/tmp/, loaded back and served by the project's EC2 emulator.
            - **Pollers.** The archiver is `ArchiverPipeline` with its defaults (endpoints discovered with DescribeClientVpnEndpoints), except TIME_BUDGET_SECONDS: the bench raises it so that a poll that needs more than the function's 90 s completes and is measured whole (and compared with 90 s) instead of stopping early and leaving endpoints to the next poll. Each poll runs at the scenario's poll time: the child gets it as `--poll-time` and runs the archiver on a fixed clock (`PollContext.Clock`), so the listing time, the MissingSince of a lost session, is the poll's own time. The naive poller lists endpoints, then for each endpoint one page after another, one UpdateItem per listed connection, each awaited before the next: no reads, no skipping, no condition. It writes the same record (same attributes, same indexes) into its own table of the same layout. Its work is the same at every poll after the first, so it runs on polls 0 and 1 only; its steady row is poll 1, whose table holds poll 0's state as it would at any later poll.
            - **Latency.** An HttpMessageHandler given to the SDK clients through `ClientConfig.HttpClientFactory` waits before every request: 150 ms per EC2 request (a page of up to 1,000 connections), 5 ms per DynamoDB request, the same for both pollers. Task.Delay lands in 4-5 ms steps on this kind of machine, so the wait comes from a ticking thread with about 1 ms precision; the achieved mean is reported per scenario. The store's and the machine's own time come on top.
            - **Latency model.** What a poll would take if dynalite and the CPU were instant: for the naive poller the sum of its requests' latencies (all serial); for the archiver the endpoint listing plus ceil(E / MAX_CONCURRENCY) endpoint chains, each of its pages (the next one requested as a page arrives), per page ceil(keys / 100) BatchGetItem one after another and its writes 8 at a time, then the ActiveByEndpoint query; after all endpoints, the Scan of the ActiveByEndpoint index that closes the sessions of deleted endpoints. It separates the design's time from dynalite's throughput on this machine.
            - **Request units.** dynalite reports one total per request, no index writes and nothing for a failed condition, so a DelegatingHandler prices every request by DynamoDB's rules instead. UpdateItem is sent with ReturnValues ALL_OLD; the UpdateExpression applied to that old image gives the new one. A write costs 1 WRU per started KB of the larger image, plus, for each index (ByEndpoint, ByIdentity, ByEstablishedDay: KEYS_ONLY; ActiveByEndpoint: KEYS_ONLY, sparse), 1 WRU per started KB of the index entry (table key + index keys + projected attributes + 100 bytes) when the item enters or leaves the index or a projected attribute changes, 2 when an index key changes value, 0 when neither. A failed conditional write is charged for its item. Reads are eventually consistent: 0.5 RRU per started 4 KB per item for BatchGetItem (a key without an item still costs 0.5), per response over the summed sizes of the items returned for Query and for Scan (the archiver's one Scan per run reads the sparse KEYS_ONLY ActiveByEndpoint index, so it grows with the number of open sessions). Item size = UTF-8 length of the attribute names + value sizes (S: UTF-8 bytes, N: 1 byte per 2 significant digits + 1, BOOL 1, L: 3 + 1 per element + elements). BatchGetItem returns only the attributes the archiver asks for; pricing them is exact here because every full item is far below 4 KB (see "largest item"). The old image is cut out of the response before the SDK sees it. The handler's own allocations and CPU (measured per request on its thread) are taken off the poller's.
            - **Necessary minimum.** An independent model of the archive applies the rules (insert; an observed end written whenever the stored record is not yet one, whatever the Timestamps, LastObservedAt the later of the two; the stored end re-listed, a snapshot not newer than the stored one and a later answer that has not ended after an observed end write nothing; otherwise rewrite on a change of Status, StatusMessage, ConnectionEndTime, Username, CommonName, ClientIp, ClientIpv6Address, PostureComplianceStatuses or MissingSince; counter refresh of a session that is not terminated once its snapshot is ACTIVE_REFRESH_MINUTES newer than the stored one; sessions not listed, or of endpoints no longer listed, marked lost with MissingSince = the poll time) to each listing, and prices exactly those writes by the same rules.
            - **Memory, CPU and time.** Each poll of each poller runs in a child process of the bench (a hidden subcommand) with the same latency handlers, so the peak working set (`Process.PeakWorkingSet64`), the allocated bytes (`GC.GetTotalAllocatedBytes`) and the CPU time are the poller's, not the emulator's snapshot or the harness's. The child first polls a three-connection warm-up endpoint into a warm-up table, as a warm Lambda execution environment would have (code compiled, SDK initialised); only the second poll is measured. Wall time is that poll, without process start-up. The emulator (in the harness) and dynalite share the machine's cores with the poller.
            - **Local store.** dynalite is the project's `DynaliteServer`, with a preloaded script (bench/ClientVpnAudit.Bench/Store/dynalite-expression-cache.js) that parses each distinct UpdateExpression / ConditionExpression once instead of per request: parsing was about half of dynalite's CPU per UpdateItem, and single-threaded dynalite is the bottleneck of heavy polls here. Stored items and answers are unchanged; a self-check proves conditional writes still apply and fail as they should before each scenario, and the archive checks below cover the rest.
            - **Correctness.** After the last poll every item of both tables is compared, attribute by attribute, with the model: the archiver's by its write rules (LastObservedAt moves only when a write is due, counters are those of that snapshot, Status, ConnectionEndTime, DurationSeconds, EndObserved, ActiveEndpointId, Identity, FirstObservedAt), the naive poller's with the newest values it saw. A wrong archive fails the run (exit code 1).
            - **Queries.** A history (see its section) is written straight into the table with BatchWriteItem, in the order the sessions were established, and each question is asked at each checkpoint twice through clients with the injected DynamoDB latency and the capacity accounting: by `cvpn-audit sessions`'s own reader (ArchiveReader: Queries of the KEYS_ONLY index, a day bucket per day from since - 24 h to until in parallel for the questions about every endpoint, then BatchGetItem of the candidates and the overlap rule), and by one Scan of the table filtered by the same rule. The two must find the same sessions, else the run fails. dynalite keeps this history on disk (LevelDB).
            - **Cost.** Monthly cost = 8,760 polls x the steady poll's units and wall time at the prices above. A Lambda function is billed for its wall time, so the naive poller's waiting is paid for too; the wall time measured here includes dynalite's share, so the compute cost is an upper bound for the archiver's heavy polls.
            """);
    }

    private static void Row(StringBuilder md, string scenario, string poller, string phase, Phase p) =>
        Line(md, Invariant($"| {scenario} | {poller} | {phase} | {p.WallSeconds:0.00} | {p.ModelSeconds:0.00} | {p.Ec2Requests:N0} | {p.DynamoDbRequests:N0} | {p.WriteRequests:N0} | ")
            + Invariant($"{p.WriteUnits:N0} ({p.IndexWriteUnits:N0}) | {p.ReadUnits:N0} | {p.PeakWorkingSetMb:0} | {p.AllocatedMb:N0} | {p.CpuSeconds:0.0} |"));

    private static void Cost(StringBuilder md, string poller, MonthlyCost cost) =>
        Line(md, Invariant($"| {poller} | ${cost.WriteUnitsUsd:0.00} | ${cost.ReadUnitsUsd:0.00} | ${cost.LambdaComputeUsd:0.00} | ${cost.LambdaRequestsUsd:0.00} | **${cost.TotalUsd:0.00}** |"));

    private static void Verdict(StringBuilder md, string poller, Verification.Verdict? verdict)
    {
        if (verdict is null)
        {
            Line(md, $"- {poller}: not checked");
            return;
        }

        Line(md, verdict.Correct
            ? Invariant($"- {poller}: correct, {verdict.Stored:N0} sessions; largest item {verdict.LargestItemBytes:N0} bytes")
            : Invariant($"- {poller}: **WRONG**, {verdict.Wrong:N0} of {verdict.Expected:N0} sessions differ ({verdict.Stored:N0} stored): {string.Join(" | ", verdict.Examples)}"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
