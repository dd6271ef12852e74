using System.Diagnostics;
using System.Globalization;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Bench.Aws;
using ClientVpnAudit.Bench.Polls;
using ClientVpnAudit.Bench.Scenarios;
using ClientVpnAudit.Bench.Verification;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.LocalStore;

namespace ClientVpnAudit.Bench.FanOut;

/// <summary>
/// Runs the fan-out scenario: each poll's listing served as a poll of several targets, archived into two tables of one
/// dynalite, once by the single invocation (every target in one child process) and once by the planner (a child
/// process) and one worker per endpoint (a child process each, at most MaxWorkers at once); then both tables are
/// checked against what the scenario implies.
/// </summary>
internal sealed class FanOutRunner(BenchOptions options, string resultsFolder)
{
    private const string SingleTable = "fanout-single";
    private const string WorkersTable = "fanout-workers";
    private const string WarmupTable = "fanout-warmup";

    /// <summary>Poll 0 fills both tables; poll 1 is a steady poll, each table holding poll 0's state.</summary>
    public const int Polls = 2;

    public async Task<FanOutResult?> RunAsync(CancellationToken cancellationToken)
    {
        if (options.FanOut.Scenario is not { } spec)
        {
            return null;
        }

        var clock = Stopwatch.StartNew();
        var fanOut = options.FanOut;
        Progress($"fan-out {spec.Name}: {spec.Endpoints} endpoints over {FanOutListing.Targets.Count} targets, {spec.Connections:N0} connections per poll, "
            + $"polls 0-{Polls - 1}; single invocation (MAX_CONCURRENCY {options.EffectiveMaxConcurrency}) vs planner + workers (at most {fanOut.MaxWorkers} at once)");
        var result = new FanOutResult(spec, fanOut, options.Latency, options.EffectiveMaxConcurrency) { LoadAverageAtStart = FanOutResult.LoadAverage() };
        var scratch = Path.Combine(resultsFolder, "tmp", "fan-out-" + spec.Name);
        Directory.CreateDirectory(scratch);

        await using var dynalite = await Store.LocalStore.StartAsync(Progress, cancellationToken);
        using (var setup = BenchClients.PlainDynamoDb(dynalite.Url))
        {
            foreach (var table in new[] { SingleTable, WorkersTable, WarmupTable })
            {
                await SessionTableCreation.EnsureExistsAsync(setup, table, cancellationToken);
            }
        }

        var expected = new ExpectedArchive(WriteRule.Archiver, TimeSpan.FromMinutes(ArchiverOptions.DefaultActiveRefreshMinutes));
        var generator = new ScenarioGenerator(spec);
        await using var warmup = await Ec2Emulator.StartAsync(WarmupSnapshot.Next(), cancellationToken: cancellationToken);
        Ec2Emulator? emulator = null;
        try
        {
            for (var poll = 0; poll < Polls; poll++)
            {
                var pollTime = new DateTimeOffset(generator.NextPollTime, TimeSpan.Zero);
                var listing = FanOutListing.Of(generator.Next(), spec, pollTime);
                if (emulator is null)
                {
                    emulator = await Ec2Emulator.StartAsync(listing, cancellationToken: cancellationToken);
                }
                else
                {
                    emulator.Serve(listing);
                }

                var minimum = expected.Apply(listing, pollTime);
                var arguments = new PollArguments(emulator.Url, dynalite.Url, SingleTable, options.Latency, options.MaxConcurrency,
                    options.TimeBudgetSeconds, pollTime, warmup.Url, WarmupTable)
                { Targets = FanOutListing.Targets };

                warmup.Serve(WarmupSnapshot.Next());
                var single = await ChildPoll.RunAsync(PollCommand.Archiver, arguments, cancellationToken);
                Report(spec, poll, "single", single.WallSeconds, single);

                var workers = arguments with { Table = WorkersTable };
                var workFile = Path.Combine(scratch, $"work-{poll}.jsonl");
                warmup.Serve(WarmupSnapshot.Next());
                var planner = await ChildPoll.RunAsync(FanOutCommand.Planner,
                    [.. workers.ToArgs(), "--work-file", workFile, "--sqs-latency-ms", fanOut.SqsLatency.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)],
                    cancellationToken);
                Report(spec, poll, "planner", planner.WallSeconds, planner);

                var messages = await File.ReadAllLinesAsync(workFile, cancellationToken);
                var (results, elapsed) = await RunWorkersAsync(messages, workers, fanOut.MaxWorkers, cancellationToken);
                var batches = LatentWorkQueue.Batches(messages.Select(Archiver.Work.WorkMessages.Parse));
                var outcome = new FanOutPoll(poll, single, planner, results, elapsed, batches, minimum);
                result.Polls.Add(outcome);
                Progress(string.Create(CultureInfo.InvariantCulture,
                    $"fan-out {spec.Name} poll {poll} workers       {elapsed,7:0.00} s  {results.Count} workers, longest {results.Max(r => r.WallSeconds):0.00} s, ")
                    + string.Create(CultureInfo.InvariantCulture,
                    $"peak {results.Max(r => r.PeakWorkingSetBytes) / 1048576.0:0} MB; fan-out {outcome.FanOutWallSeconds:0.00} s vs single {single.WallSeconds:0.00} s")
                    + (outcome.Succeeded ? "" : "  FAILED: " + string.Join(" | ", outcome.All.Where(r => !r.Succeeded).Select(r => r.Error).Take(3))));
            }
        }
        finally
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }
        }

        using (var check = BenchClients.PlainDynamoDb(dynalite.Url))
        {
            result.SingleVerdict = await ArchiveVerifier.VerifyAsync(check, SingleTable, expected, cancellationToken);
            result.FanOutVerdict = await ArchiveVerifier.VerifyAsync(check, WorkersTable, expected, cancellationToken);
            Progress($"fan-out {spec.Name}: single-invocation table {Describe(result.SingleVerdict)}; fan-out table {Describe(result.FanOutVerdict)}");
        }

        if (!options.KeepSnapshots)
        {
            Directory.Delete(scratch, recursive: true);
        }

        result.ScenarioSeconds = clock.Elapsed.TotalSeconds;
        result.LoadAverageAtEnd = FanOutResult.LoadAverage();
        Progress($"fan-out {spec.Name}: done in {result.ScenarioSeconds:0} s");
        return result;
    }

    /// <summary>
    /// Starts and warms up one worker per message (as many at once as there are cores), then runs them in queue order on
    /// <paramref name="slots"/> slots: a slot takes the next message as soon as its worker is done, as the event source
    /// mapping does under MaximumConcurrency.
    /// </summary>
    private static async Task<(IReadOnlyList<PollResult> Results, double ElapsedSeconds)> RunWorkersAsync(IReadOnlyList<string> messages,
        PollArguments arguments, int slots, CancellationToken cancellationToken)
    {
        var started = new GatedWorker?[messages.Count];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, messages.Count),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                async (index, token) => started[index] = await GatedWorker.StartAsync([.. arguments.ToArgs(), "--message", messages[index]], token));

            var results = new PollResult[messages.Count];
            var next = -1;
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, Math.Min(slots, messages.Count)).Select(async _ =>
            {
                for (var index = Interlocked.Increment(ref next); index < messages.Count; index = Interlocked.Increment(ref next))
                {
                    results[index] = await started[index]!.RunAsync(cancellationToken);
                }
            }));
            return (results, stopwatch.Elapsed.TotalSeconds);
        }
        finally
        {
            foreach (var worker in started)
            {
                worker?.Dispose();
            }
        }
    }

    private static void Report(ScenarioSpec spec, int poll, string what, double wallSeconds, PollResult r) =>
        Progress(string.Create(CultureInfo.InvariantCulture,
            $"fan-out {spec.Name} poll {poll} {what,-13} {wallSeconds,7:0.00} s  ec2 {r.Ec2Requests,4}  ddb {r.DynamoDb.Requests,7}  writes {r.DynamoDb.WriteRequests,7}  peak {r.PeakWorkingSetBytes / 1048576.0,5:0} MB")
            + (r.Succeeded ? "" : $"  FAILED: {r.Error}"));

    private static string Describe(Verdict verdict) =>
        verdict.Correct
            ? $"correct ({verdict.Stored:N0} sessions)"
            : $"WRONG: {verdict.Wrong:N0} of {verdict.Expected:N0} differ ({verdict.Stored:N0} stored): {string.Join(" | ", verdict.Examples)}";

    private static void Progress(string message) => Console.Error.WriteLine(message);
}
