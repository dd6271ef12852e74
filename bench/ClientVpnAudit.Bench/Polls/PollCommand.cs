using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Amazon.EC2;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Bench.Aws;
using ClientVpnAudit.Bench.Naive;
using ClientVpnAudit.LocalStore;

namespace ClientVpnAudit.Bench.Polls;

/// <summary>
/// The hidden subcommands <c>archiver-poll</c> and <c>naive-poll</c>: one poll in a process of its own, so its peak
/// working set and allocations are the poller's alone (not the emulator's snapshot nor the harness's). The process
/// first polls a tiny warm-up endpoint into a warm-up table, as a warm Lambda execution environment would already have
/// done (code compiled, SDK initialised); only the second poll is measured. The measured archiver poll runs at the
/// scenario's poll time (<c>--poll-time</c>, a fixed clock), the warm-up at the machine's. Prints one
/// <see cref="PollResult"/> as JSON.
/// </summary>
internal static class PollCommand
{
    public const string Archiver = "archiver-poll";
    public const string Naive = "naive-poll";

    public static async Task<int> RunAsync(string poller, PollArguments arguments)
    {
        if (arguments.WarmupEc2Url is { } warmupUrl)
        {
            using var warm = new BenchClients(warmupUrl, arguments.DynamoDbUrl, Latency.None);
            await PollOnceAsync(poller, warm, arguments.WarmupTable!, arguments with { Targets = [] }, PollContext.Live);
        }

        var result = await MeasureAsync(arguments, (clients, context) => PollOnceAsync(poller, clients, arguments.Table, arguments, context));
        Console.Out.WriteLine(JsonSerializer.Serialize(result with { Poller = poller }, PollResult.Json));
        return 0;
    }

    /// <summary>
    /// Runs <paramref name="poll"/> once with fresh clients at the scenario's poll time and measures it: wall, CPU,
    /// peak working set, allocations, requests and their cost.
    /// </summary>
    public static async Task<PollResult> MeasureAsync(PollArguments arguments, Func<BenchClients, PollContext, Task<PollResult>> poll)
    {
        using var process = Process.GetCurrentProcess();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = process.TotalProcessorTime;
        using var clients = new BenchClients(arguments.Ec2Url, arguments.DynamoDbUrl, arguments.Latency);
        var stopwatch = Stopwatch.StartNew();
        var context = arguments.PollTime is { } pollTime
            ? new PollContext { Clock = new FixedClock(pollTime) }
            : throw new ArgumentException("--poll-time is required: the scenario's poll runs at its own time");
        var counts = await poll(clients, context);
        var wall = stopwatch.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        process.Refresh();

        return counts with
        {
            WallSeconds = wall,
            CpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds,
            PeakWorkingSetBytes = process.PeakWorkingSet64,
            AllocatedBytes = allocated,
            Ec2Requests = clients.Ec2Latency.Requests,
            Ec2LatencyMs = clients.Ec2Latency.MeanInjected.TotalMilliseconds,
            DynamoDbLatencyMs = clients.DynamoDbLatency.MeanInjected.TotalMilliseconds,
            DynamoDb = clients.Capacity.Tally.Snapshot(),
        };
    }

    private static async Task<PollResult> PollOnceAsync(string poller, BenchClients clients, string table, PollArguments arguments,
        PollContext context)
    {
        if (poller == Archiver)
        {
            var options = new ArchiverOptions
            {
                TableName = table,
                Targets = arguments.Targets,
                MaxConcurrency = arguments.MaxConcurrency ?? ArchiverOptions.DefaultMaxConcurrency,
                TimeBudget = TimeSpan.FromSeconds(arguments.TimeBudgetSeconds),
            };
            Func<Target, IAmazonEC2> ec2For = arguments.Targets.Count > 0 ? clients.Ec2For : _ => clients.Ec2;
            var summary = await new ArchiverPipeline(ec2For, clients.DynamoDb, options, new JsonLog(Console.Error), context).RunAsync();
            return Counts(summary);
        }

        var naive = await new NaivePoller(clients.Ec2, clients.DynamoDb, table).RunAsync(CancellationToken.None);
        return PollResult.Empty with { Succeeded = true, Pages = naive.Pages, ConnectionsSeen = naive.Writes, Updated = naive.Writes };
    }

    /// <summary>What an archiver run reports, as the start of its <see cref="PollResult"/>.</summary>
    public static PollResult Counts(RunSummary summary) => PollResult.Empty with
    {
        Succeeded = summary.Succeeded,
        Error = summary.Succeeded ? null : summary.Error ?? string.Join("; ", summary.Failures.Select(f => $"{f.EndpointId}: {f.Reason}")),
        Pages = summary.Pages,
        ConnectionsSeen = summary.ConnectionsSeen,
        Inserted = summary.SessionsInserted,
        Updated = summary.SessionsUpdated,
        Unchanged = summary.SessionsUnchanged,
        Stale = summary.SessionsStale,
        MarkedLost = summary.SessionsMarkedLost,
        EndpointsFailed = summary.EndpointsFailed,
    };
}

/// <summary>Where a child poll points its clients, and how; the scenario's poll time; and the warm-up world it polls first.</summary>
internal sealed record PollArguments(
    Uri Ec2Url, Uri DynamoDbUrl, string Table, Latency Latency, int? MaxConcurrency, int TimeBudgetSeconds, DateTimeOffset? PollTime,
    Uri? WarmupEc2Url, string? WarmupTable)
{
    private const string PollTimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>The targets of a multi-target poll (<c>--targets ACCOUNT:REGION,...</c>); empty polls the emulator's one target.</summary>
    public IReadOnlyList<Target> Targets { get; init; } = [];

    public IEnumerable<string> ToArgs()
    {
        string[] args =
        [
            "--ec2-url", Ec2Url.ToString(), "--dynamodb-url", DynamoDbUrl.ToString(), "--table", Table,
            "--ec2-latency-ms", Latency.Ec2.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
            "--dynamodb-latency-ms", Latency.DynamoDb.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
            "--time-budget-seconds", TimeBudgetSeconds.ToString(CultureInfo.InvariantCulture),
        ];
        if (MaxConcurrency is { } concurrency)
        {
            args = [.. args, "--max-concurrency", concurrency.ToString(CultureInfo.InvariantCulture)];
        }

        if (PollTime is { } pollTime)
        {
            args = [.. args, "--poll-time", pollTime.UtcDateTime.ToString(PollTimeFormat, CultureInfo.InvariantCulture)];
        }

        if (Targets.Count > 0)
        {
            args = [.. args, "--targets", string.Join(',', Targets)];
        }

        if (WarmupEc2Url is not null && WarmupTable is not null)
        {
            args = [.. args, "--warmup-ec2-url", WarmupEc2Url.ToString(), "--warmup-table", WarmupTable];
        }

        return args;
    }

    public static PollArguments Parse(IReadOnlyList<string> args)
    {
        var values = CommandLine.Pairs(args);
        return new PollArguments(
            new Uri(CommandLine.Required(values, "--ec2-url")),
            new Uri(CommandLine.Required(values, "--dynamodb-url")),
            CommandLine.Required(values, "--table"),
            new Latency(
                TimeSpan.FromMilliseconds(CommandLine.Double(values, "--ec2-latency-ms", Latency.Default.Ec2.TotalMilliseconds)),
                TimeSpan.FromMilliseconds(CommandLine.Double(values, "--dynamodb-latency-ms", Latency.Default.DynamoDb.TotalMilliseconds))),
            values.TryGetValue("--max-concurrency", out var concurrency) ? int.Parse(concurrency, CultureInfo.InvariantCulture) : null,
            (int)CommandLine.Double(values, "--time-budget-seconds", ArchiverOptions.DefaultTimeBudgetSeconds),
            values.TryGetValue("--poll-time", out var pollTime) ? ParsePollTime(pollTime) : null,
            values.TryGetValue("--warmup-ec2-url", out var warmup) ? new Uri(warmup) : null,
            values.GetValueOrDefault("--warmup-table"))
        {
            Targets = values.TryGetValue("--targets", out var targets) ? ParseTargets(targets) : [],
        };
    }

    private static Target[] ParseTargets(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(pair => pair.Split(':') is [var account, var region]
            ? new Target(account, region)
            : throw new ArgumentException($"--targets must be ACCOUNT:REGION,..., got '{text}'")).ToArray();

    private static DateTimeOffset ParsePollTime(string text) =>
        DateTimeOffset.TryParseExact(text, PollTimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new ArgumentException($"--poll-time must be yyyy-MM-ddTHH:mm:ssZ, got '{text}'");
}
