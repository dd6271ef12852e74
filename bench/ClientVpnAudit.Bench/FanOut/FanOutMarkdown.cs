using System.Globalization;
using System.Text;
using ClientVpnAudit.Bench.Results;

namespace ClientVpnAudit.Bench.FanOut;

/// <summary>The fan-out's lines in latest.md: one under the table at the top, and its own section.</summary>
internal static class FanOutMarkdown
{
    public static void Summary(StringBuilder md, FanOutResult? result)
    {
        if (result is null)
        {
            return;
        }

        var steady = result.Steady;
        Line(md);
        Line(md, Invariant($"Fan-out ({result.Spec.Name} over {result.Targets} targets, steady poll): wall time of the planner + one worker per endpoint / the single invocation = ")
            + Invariant($"**{FanOutModel.FanOutSeconds(steady, result) / FanOutModel.SingleSeconds(steady, result):0.00}x** by the latency model, ")
            + Invariant($"{steady.FanOutWallSeconds / steady.Single.WallSeconds:0.00}x as measured here (see \"Fan-out\" below)."));
    }

    public static void Section(StringBuilder md, FanOutResult? result)
    {
        if (result is null)
        {
            return;
        }

        var spec = result.Spec;
        var steady = result.Steady;
        Line(md);
        Line(md, Invariant($"## Fan-out: {spec.Endpoints} endpoints x {spec.ConnectionsPerEndpoint:N0} connections over {result.Targets} targets, one invocation vs planner + workers"));
        Line(md);
        Line(md, Invariant($"{spec.Connections:N0} connections listed per poll, the endpoints in equal blocks over {string.Join(", ", FanOutListing.Targets)} ")
            + Invariant($"({spec.Endpoints / result.Targets} each). The same listings archived two ways, each into its own table: poll 0 fills it, poll 1 is the steady poll reported ")
            + Invariant($"(each table holding poll 0's state; no counter refresh falls due, so it writes less than the mean steady poll of the scenarios above). The run took {result.ScenarioSeconds:0} s; ")
            + Invariant($"load average (1 min) {result.LoadAverageAtStart:0.0} at its start and {result.LoadAverageAtEnd:0.0} at its end on {Environment.ProcessorCount} cores."));
        Line(md);
        Line(md, "| poll | way | wall s | model s | model s, unlimited workers | EC2 requests | DynamoDB requests | writes | WRU | peak working set MB | CPU s |");
        Line(md, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var poll in result.Polls)
        {
            var phase = poll.Poll == 0 ? "0 (first)" : Invariant($"{poll.Poll} (steady)");
            var s = poll.Single;
            Line(md, Invariant($"| {phase} | single invocation, MAX_CONCURRENCY {result.MaxConcurrency} | {s.WallSeconds:0.00} | {FanOutModel.SingleSeconds(poll, result):0.00} | | ")
                + Invariant($"{s.Ec2Requests:N0} | {s.DynamoDb.Requests:N0} | {s.DynamoDb.WriteRequests:N0} | {s.DynamoDb.WriteUnits:N0} | {s.PeakWorkingSetBytes / Figures.Mb:0} | {Figures.Cpu(s):0.0} |"));
            var invocations = poll.Workers.Prepend(poll.Planner).ToList();
            Line(md, Invariant($"| {phase} | planner + {poll.Workers.Count} workers, {result.Options.MaxWorkers} at once | {poll.FanOutWallSeconds:0.00} | {FanOutModel.FanOutSeconds(poll, result):0.00} | ")
                + Invariant($"{FanOutModel.UnlimitedSeconds(poll, result):0.00} | {invocations.Sum(r => r.Ec2Requests):N0} | {invocations.Sum(r => r.DynamoDb.Requests):N0} | ")
                + Invariant($"{invocations.Sum(r => r.DynamoDb.WriteRequests):N0} | {invocations.Sum(r => r.DynamoDb.WriteUnits):N0} | ")
                + Invariant($"{poll.Planner.PeakWorkingSetBytes / Figures.Mb:0} / {poll.Workers.Max(r => r.PeakWorkingSetBytes) / Figures.Mb:0} | {invocations.Sum(Figures.Cpu):0.0} |"));
        }

        Line(md);
        Line(md, "Peak working set of the fan-out: the planner's / the largest worker's, each in a process of its own. CPU s of the fan-out: planner and workers together.");
        Line(md);
        Bound(md, steady, result);
        Line(md);
        Invocations(md, steady);
        Line(md);
        Cost(md, steady, result);
        Line(md);
        Line(md, "Archive checks (both tables against what the scenario implies, so against each other):");
        Line(md);
        Verdict(md, "single invocation", result.SingleVerdict);
        Verdict(md, "fan-out", result.FanOutVerdict);
        Line(md);
        Method(md, result);
    }

    private static void Bound(StringBuilder md, FanOutPoll steady, FanOutResult result)
    {
        var workers = FanOutModel.WorkersSeconds(steady, result);
        var largest = steady.Workers[workers.ToList().IndexOf(workers.Max())];
        var single = FanOutModel.SingleSeconds(steady, result);
        var fanOut = FanOutModel.FanOutSeconds(steady, result);
        var slots = result.Options.MaxWorkers;
        Line(md, Invariant($"**Steady poll: fan-out / single invocation = {fanOut / single:0.00}x by the latency model** ({fanOut:0.00} s vs {single:0.00} s; ")
            + Invariant($"{FanOutModel.UnlimitedSeconds(steady, result) / single:0.00}x with unlimited workers), {steady.FanOutWallSeconds / steady.Single.WallSeconds:0.00}x as measured here ")
            + Invariant($"({steady.FanOutWallSeconds:0.00} s vs {steady.Single.WallSeconds:0.00} s). First poll: {FanOutModel.FanOutSeconds(result.First, result) / FanOutModel.SingleSeconds(result.First, result):0.00}x by the model, ")
            + Invariant($"{result.First.FanOutWallSeconds / result.First.Single.WallSeconds:0.00}x as measured."));
        Line(md);
        Line(md, Invariant($"What bounds it: the largest worker takes {workers.Max():0.00} s by the model (its {largest.Pages} page(s), {largest.DynamoDb.WriteRequests:N0} writes 8 at a time, ")
            + Invariant($"{largest.DynamoDb.RequestsByOperation.GetValueOrDefault("Query")} query). The fan-out is the planner ({FanOutModel.PlannerSeconds(steady, result):0.00} s: {steady.Planner.Ec2Requests} listing page(s), ")
            + Invariant($"{steady.Planner.DynamoDb.Requests} DynamoDB request(s), {steady.SendBatches} SendMessageBatch at {result.Options.SqsLatency.TotalMilliseconds:0} ms) plus ceil({steady.Workers.Count}/{slots}) = ")
            + Invariant($"{(steady.Workers.Count + slots - 1) / slots} rounds of workers ({Makespan.Of(workers, slots):0.00} s), where one invocation runs ceil({result.Spec.Endpoints}/{result.MaxConcurrency}) = ")
            + Invariant($"{(result.Spec.Endpoints + result.MaxConcurrency - 1) / result.MaxConcurrency} rounds of endpoint chains after its listings. With unlimited workers it is the planner plus the largest worker, ")
            + Invariant($"whatever the number of endpoints; the sum over the endpoints (one worker at a time) would be {workers.Sum():0.00} s."));
    }

    private static void Invocations(StringBuilder md, FanOutPoll steady)
    {
        var walls = steady.Workers.Select(r => r.WallSeconds).ToList();
        var peaks = steady.Workers.Select(r => r.PeakWorkingSetBytes / Figures.Mb).ToList();
        var cpu = steady.Workers.Select(Figures.Cpu).ToList();
        var scans = steady.Planner.DynamoDb.RequestsByOperation.GetValueOrDefault("Scan");
        Line(md, Invariant($"Per invocation, steady poll: planner {steady.Planner.WallSeconds:0.00} s, peak working set {steady.Planner.PeakWorkingSetBytes / Figures.Mb:0} MB ")
            + Invariant($"({scans} Scan pages of the ActiveByEndpoint index, {steady.Planner.DynamoDb.ReadUnits:N0} RRU: one Scan per run of the index, which holds every target's open sessions). ")
            + Invariant($"Workers ({steady.Workers.Count}): wall median {Figures.Median(walls):0.00} s, max {walls.Max():0.00} s; **peak working set median {Figures.Median(peaks):0} MB, max {peaks.Max():0} MB** ")
            + Invariant($"(single invocation: {steady.Single.PeakWorkingSetBytes / Figures.Mb:0} MB). The workers ran from the first one's start to the last one's end in {steady.WorkersElapsedSeconds:0.00} s. ")
            + Invariant($"Their CPU: {Figures.Median(cpu):0.00} s median per worker, {cpu.Sum():0.0} s together, against {Figures.Cpu(steady.Single):0.0} s for the single invocation's every endpoint")
            + (cpu.Sum() <= 1.5 * Figures.Cpu(steady.Single) ? "." : ": not established why; likely a fresh process running its hot paths before the JIT has optimised them "
                + "(its warm-up lists three connections, where a worker environment reused poll after poll would be warm) and many processes waking and spinning on "
                + "two shared cores. The measured worker times are thus far above what one worker with its own vCPU would take."));
    }

    private static void Cost(StringBuilder md, FanOutPoll steady, FanOutResult result)
    {
        Line(md, Invariant($"Monthly cost of the SQS and Lambda parts ({Pricing.PollsPerMonth:N0} polls at the steady poll; SQS ${Pricing.PerMillionSqsRequests:0.00} per million requests; ")
            + Invariant($"Lambda arm64 at {Pricing.LambdaMemoryMb:N0} MB, both functions), each invocation billed for its wall time as measured here, or as the latency model has it:"));
        Line(md);
        Line(md, "| way | billed for | SQS requests per poll | SQS | Lambda requests | Lambda compute | total per month |");
        Line(md, "|---|---|---:|---:|---:|---:|---:|");
        var fanOut = Invariant($"planner + {steady.Workers.Count} workers");
        CostRow(md, "single invocation", "measured wall", FanOutCost.SingleInvocation(steady.Single.WallSeconds));
        CostRow(md, fanOut, "measured wall", FanOutCost.Measured(steady));
        CostRow(md, "single invocation", "latency model", FanOutCost.SingleInvocation(FanOutModel.SingleSeconds(steady, result)));
        CostRow(md, fanOut, "latency model", FanOutCost.Modelled(steady, result));
        Line(md);
        var workUnits = steady.Workers.Sum(r => r.DynamoDb.WriteUnits) + steady.Planner.DynamoDb.WriteUnits;
        Line(md, Invariant($"SQS per poll: {steady.SendBatches} SendMessageBatch + {steady.Workers.Count} ReceiveMessage + {steady.Workers.Count} DeleteMessageBatch (one worker invocation per message: an upper bound), ")
            + Invariant($"and all month {FanOutCost.SqsIdleRequestsPerMonth:N0} idle long polls (assumed: {Pricing.SqsIdleReceivesPerMinute:0} a minute, 5 pollers waiting 20 s each). ")
            + "The measured rows bill the workers for the contention and JIT described above, so they are an upper bound; a real worker lies between its model and its measured time. "
            + Invariant($"DynamoDB is the same both ways ({steady.Single.DynamoDb.WriteUnits:N0} vs {workUnits:N0} WRU in this poll) and left out here."));
    }

    private static void CostRow(StringBuilder md, string way, string billedFor, FanOutCost cost) =>
        Line(md, Invariant($"| {way} | {billedFor} | {cost.SqsRequestsPerPoll:N0} | ${cost.SqsUsd:0.00} | ${cost.LambdaRequestsUsd:0.00} | ${cost.LambdaComputeUsd:0.00} | **${cost.TotalUsd:0.00}** |"));

    private static void Verdict(StringBuilder md, string way, Verification.Verdict? verdict) =>
        Line(md, verdict is null ? $"- {way}: not checked"
            : verdict.Correct ? Invariant($"- {way}: correct, {verdict.Stored:N0} sessions, each with its target's AccountId and Region")
            : Invariant($"- {way}: **WRONG**, {verdict.Wrong:N0} of {verdict.Expected:N0} sessions differ ({verdict.Stored:N0} stored): {string.Join(" | ", verdict.Examples)}"));

    private static void Method(StringBuilder md, FanOutResult result) =>
        Line(md, Invariant($"How: the scenario generator's listing is split into one snapshot per target and served as one multi-target poll by the emulator, ")
            + "which tells the targets apart by the access key id (the account) and the SigV4 region; every target's EC2 client goes through the same latency handler. "
            + "The single invocation is `ArchiverPipeline` with every target, in a child process as the scenarios above. The fan-out runs `PlanningPipeline` in a child process "
            + Invariant($"into a queue that keeps the work and waits {result.Options.SqsLatency.TotalMilliseconds:0} ms per SendMessageBatch (`--sqs-latency-ms`), then one `WorkerPipeline` ")
            + "invocation per message, each in a child process of its own (its peak working set its own, as a Lambda execution environment's would be). Every child first "
            + "runs its function on the warm-up world; the workers are all started and warmed up before the first is let go, then run in queue order on "
            + Invariant($"{result.Options.MaxWorkers} slots (`--max-workers`, the event source mapping's MaximumConcurrency), a slot taking the next message when its worker ends. ")
            + "Measured fan-out wall = the planner's wall + the workers' elapsed time; SQS delivery itself is not modelled. The machine's cores, dynalite and the emulator are shared "
            + "by every worker at once, where each Lambda worker would have its own vCPU: the latency model is the design's number, the measured one this machine's. "
            + "Latency model: single invocation = every target's listing pages + ceil(E / MAX_CONCURRENCY) endpoint chains + the Scan pages; planner = its listing pages, "
            + "DynamoDB requests and SendMessageBatch requests one after another; a worker = its endpoint's chain (as in the scenarios above, from its own pages, writes and queries); "
            + "fan-out = planner + the workers' modelled durations scheduled in queue order on the slots.");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
