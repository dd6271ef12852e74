using System.Diagnostics;
using System.Globalization;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Bench.Aws;
using ClientVpnAudit.Bench.Polls;
using ClientVpnAudit.Bench.Results;
using ClientVpnAudit.Bench.Scenarios;
using ClientVpnAudit.Bench.Verification;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.LocalStore;

namespace ClientVpnAudit.Bench;

/// <summary>
/// Runs every scenario: generates each poll's listing and writes it as an emulator snapshot, serves it, runs the archiver
/// (every poll) and the naive poller (the first two polls) each in a child process against their own table in a
/// fresh dynalite, each at the scenario's poll time, then checks both tables against what the scenario implies.
/// </summary>
internal sealed class BenchRunner(BenchOptions options, string resultsFolder)
{
    private const string ArchiverTable = "sessions-archiver";
    private const string NaiveTable = "sessions-naive";
    private const string WarmupTable = "sessions-warmup";

    /// <summary>
    /// The naive poller runs on the first poll and on the next: a steady poll whose table holds the previous poll's
    /// state, as it would on every later poll (its work is the same at every poll after the first).
    /// </summary>
    public const int NaiveSteadyPoll = 1;

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(CancellationToken cancellationToken)
    {
        var results = new List<ScenarioResult>();
        foreach (var spec in options.Scenarios)
        {
            results.Add(await RunScenarioAsync(spec, cancellationToken));
        }

        return results;
    }

    private async Task<ScenarioResult> RunScenarioAsync(ScenarioSpec spec, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Progress($"{spec.Name}: {spec.Connections:N0} connections listed per poll, {ScenarioSpec.Polls} polls; naive poller {(spec.WithNaive ? "on the first two polls" : "not run")}");
        var result = new ScenarioResult(spec, options.Latency, options.EffectiveMaxConcurrency);
        var snapshots = Path.Combine(resultsFolder, "tmp", spec.Name);
        Directory.CreateDirectory(snapshots);

        await using var dynalite = await Store.LocalStore.StartAsync(Progress, cancellationToken);
        using (var setup = BenchClients.PlainDynamoDb(dynalite.Url))
        {
            await SessionTableCreation.EnsureExistsAsync(setup, ArchiverTable, cancellationToken);
            await SessionTableCreation.EnsureExistsAsync(setup, WarmupTable, cancellationToken);
            if (spec.WithNaive)
            {
                await SessionTableCreation.EnsureExistsAsync(setup, NaiveTable, cancellationToken);
            }
        }

        var refresh = TimeSpan.FromMinutes(ArchiverOptions.DefaultActiveRefreshMinutes);
        var expectedArchiver = new ExpectedArchive(WriteRule.Archiver, refresh);
        var expectedNaive = new ExpectedArchive(WriteRule.EveryPoll, refresh);
        var generator = new ScenarioGenerator(spec);
        Ec2Emulator? emulator = null;
        await using var warmup = await Ec2Emulator.StartAsync(WarmupSnapshot.Next(), cancellationToken: cancellationToken);
        try
        {
            for (var poll = 0; poll < ScenarioSpec.Polls; poll++)
            {
                var file = Path.Combine(snapshots, $"poll-{poll}.json");
                var pollTime = new DateTimeOffset(generator.NextPollTime, TimeSpan.Zero);
                SnapshotLoader.Save(SnapshotLoader.FromConnections(generator.Next(), capturedAt: pollTime), file);
                var snapshot = SnapshotLoader.Load(file);
                if (emulator is null)
                {
                    emulator = await Ec2Emulator.StartAsync(snapshot, cancellationToken: cancellationToken);
                }
                else
                {
                    emulator.Serve(snapshot);
                }

                result.Minimum.Add(expectedArchiver.Apply(snapshot, pollTime));
                var archiver = await MeasureAsync(PollCommand.Archiver, emulator, warmup, dynalite.Url, ArchiverTable, pollTime, cancellationToken);
                result.Archiver.Add(archiver with { Poll = poll });
                Report(spec, poll, archiver, result.Minimum[^1]);

                if (spec.WithNaive && poll <= NaiveSteadyPoll)
                {
                    expectedNaive.Apply(snapshot, pollTime);
                    var naive = await MeasureAsync(PollCommand.Naive, emulator, warmup, dynalite.Url, NaiveTable, pollTime, cancellationToken);
                    result.Naive.Add(naive with { Poll = poll });
                    Report(spec, poll, naive, null);
                }
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
            result.ArchiverVerdict = await ArchiveVerifier.VerifyAsync(check, ArchiverTable, expectedArchiver, cancellationToken);
            Progress($"{spec.Name}: archiver table {Describe(result.ArchiverVerdict)}");
            if (spec.WithNaive)
            {
                result.NaiveVerdict = await ArchiveVerifier.VerifyAsync(check, NaiveTable, expectedNaive, cancellationToken);
                Progress($"{spec.Name}: naive table {Describe(result.NaiveVerdict)}");
            }
        }

        if (!options.KeepSnapshots)
        {
            Directory.Delete(snapshots, recursive: true);
        }

        result.ScenarioSeconds = clock.Elapsed.TotalSeconds;
        Progress($"{spec.Name}: done in {result.ScenarioSeconds:0} s");
        return result;
    }

    private async Task<PollOutcome> MeasureAsync(string poller, Ec2Emulator emulator, Ec2Emulator warmup, Uri dynamoDbUrl, string table,
        DateTimeOffset pollTime, CancellationToken cancellationToken)
    {
        warmup.Serve(WarmupSnapshot.Next());
        var before = Ec2Requests(emulator);
        var arguments = new PollArguments(emulator.Url, dynamoDbUrl, table, options.Latency, options.MaxConcurrency,
            options.TimeBudgetSeconds, pollTime, warmup.Url, WarmupTable);
        var result = await ChildPoll.RunAsync(poller, arguments, cancellationToken);
        return new PollOutcome(-1, result, Ec2Requests(emulator) - before);
    }

    private static int Ec2Requests(Ec2Emulator emulator) =>
        emulator.RequestCount("DescribeClientVpnConnections") + emulator.RequestCount("DescribeClientVpnEndpoints");

    private static void Report(ScenarioSpec spec, int poll, PollOutcome outcome, RequiredWrites? minimum)
    {
        var r = outcome.Result;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{spec.Name} poll {poll} {r.Poller,-13} {r.WallSeconds,7:0.00} s  ec2 {outcome.Ec2Requests,4}  ddb {r.DynamoDb.Requests,7}  writes {r.DynamoDb.WriteRequests,7}  WRU {r.DynamoDb.WriteUnits,8:0}  RRU {r.DynamoDb.ReadUnits,8:0.0}  peak {r.PeakWorkingSetBytes / 1048576.0,5:0} MB");
        if (minimum is not null)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"  minimum {minimum.Writes} writes / {minimum.WriteUnits:0} WRU");
        }

        if (!r.Succeeded)
        {
            line += $"  FAILED: {r.Error}";
        }

        Progress(line);
    }

    private static string Describe(Verdict verdict) =>
        verdict.Correct
            ? $"correct: {verdict.Stored:N0} sessions as the scenario implies (largest item {verdict.LargestItemBytes} bytes)"
            : $"WRONG: {verdict.Wrong:N0} of {verdict.Expected:N0} sessions differ ({verdict.Stored:N0} stored): {string.Join(" | ", verdict.Examples)}";

    private static void Progress(string message) => Console.Error.WriteLine(message);
}
