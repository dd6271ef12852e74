using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Bench.Aws;
using ClientVpnAudit.Bench.FanOut;
using ClientVpnAudit.Bench.Queries;
using ClientVpnAudit.Bench.Scenarios;

namespace ClientVpnAudit.Bench;

/// <summary>
/// What a bench run does. <c>--quick</c>: one small scenario (4x100, both pollers), results to quick.md/json. Otherwise 20x500 (both pollers)
/// and 50x2000 (the archiver alone), results to latest.md/json. <c>--scenarios 20x500,50x2000</c> and
/// <c>--naive-scenarios 20x500</c> pick others, <c>--output NAME</c> names the result files,
/// <c>--ec2-latency-ms</c> / <c>--dynamodb-latency-ms</c> change the injected latency (defaults 150 / 5),
/// <c>--max-concurrency</c> the archiver's MAX_CONCURRENCY (default 4), <c>--keep-snapshots</c> keeps the generated files,
/// <c>--time-budget-seconds</c> the archiver's TIME_BUDGET_SECONDS (default <see cref="MeasuringTimeBudgetSeconds"/>),
/// <c>--queries year|quick|none</c> the query benchmark's history (default year; quick with --quick); <c>--scenarios none</c>
/// runs no poll scenario.
/// </summary>
internal sealed record BenchOptions(
    IReadOnlyList<ScenarioSpec> Scenarios,
    string OutputName,
    Latency Latency,
    int? MaxConcurrency,
    bool KeepSnapshots,
    bool Quick,
    int TimeBudgetSeconds,
    HistorySpec? Queries)
{
    /// <summary>
    /// The archiver's time budget in the bench: long enough for every poll to complete, so that its whole duration is
    /// measured (and compared with the function's default of 90 s) and the archive can be checked against the scenario.
    /// With 90 s a poll that needs longer stops starting endpoints and leaves them to the next poll.
    /// </summary>
    public const int MeasuringTimeBudgetSeconds = 600;

    public int EffectiveMaxConcurrency => MaxConcurrency ?? ArchiverOptions.DefaultMaxConcurrency;

    /// <summary>The fan-out scenario (see <see cref="FanOutOptions"/>).</summary>
    public FanOutOptions FanOut { get; init; } = new(null, FanOutOptions.DefaultMaxWorkers, FanOutOptions.DefaultSqsLatency);

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var values = CommandLine.Pairs(args);
        var quick = values.ContainsKey("--quick");
        var known = new[]
        {
            "--quick", "--scenarios", "--naive-scenarios", "--output", "--ec2-latency-ms", "--dynamodb-latency-ms",
            "--max-concurrency", "--keep-snapshots", "--time-budget-seconds", "--queries",
        };
        foreach (var name in values.Keys.Where(name => !known.Contains(name) && !FanOutOptions.Names.Contains(name)))
        {
            throw new ArgumentException($"unknown option {name}; known: {string.Join(", ", known.Concat(FanOutOptions.Names))}");
        }

        var scenarios = values.TryGetValue("--scenarios", out var list) ? Split(list) : quick ? ["4x100"] : ["20x500", "50x2000"];
        var naive = values.TryGetValue("--naive-scenarios", out var naiveList) ? Split(naiveList) : quick ? ["4x100"] : ["20x500"];
        return new BenchOptions(
            scenarios.Select(name => ScenarioSpec.Parse(name, naive.Contains(name))).ToList(),
            values.TryGetValue("--output", out var output) ? output : quick ? "quick" : "latest",
            new Latency(
                TimeSpan.FromMilliseconds(CommandLine.Double(values, "--ec2-latency-ms", Latency.Default.Ec2.TotalMilliseconds)),
                TimeSpan.FromMilliseconds(CommandLine.Double(values, "--dynamodb-latency-ms", Latency.Default.DynamoDb.TotalMilliseconds))),
            values.TryGetValue("--max-concurrency", out var concurrency) ? int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture) : null,
            values.ContainsKey("--keep-snapshots"),
            quick,
            (int)CommandLine.Double(values, "--time-budget-seconds", MeasuringTimeBudgetSeconds),
            (values.TryGetValue("--queries", out var history) ? history : quick ? "quick" : "year") switch
            {
                "year" => HistorySpec.Year,
                "quick" => HistorySpec.Quick,
                "none" => null,
                var other => throw new ArgumentException($"--queries must be year, quick or none, got '{other}'"),
            })
        {
            FanOut = FanOutOptions.Parse(values, quick),
        };
    }

    private static string[] Split(string list) => list == "none" ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
