using System.Globalization;
using ClientVpnAudit.Bench.Scenarios;

namespace ClientVpnAudit.Bench.FanOut;

/// <summary>
/// The fan-out scenario of a bench run: <c>--fan-out 40x2500</c> (default; <c>8x100</c> with <c>--quick</c>;
/// <c>none</c> skips it), its endpoints spread over <see cref="FanOutListing.Targets"/>; <c>--max-workers</c> the
/// event source mapping's MaximumConcurrency (default 10, the stack's maxWorkers); <c>--sqs-latency-ms</c> what one
/// SendMessageBatch costs the planner (default 10).
/// </summary>
internal sealed record FanOutOptions(ScenarioSpec? Scenario, int MaxWorkers, TimeSpan SqsLatency)
{
    public const int DefaultMaxWorkers = 10;
    public static readonly TimeSpan DefaultSqsLatency = TimeSpan.FromMilliseconds(10);

    public static readonly string[] Names = ["--fan-out", "--max-workers", "--sqs-latency-ms"];

    public static FanOutOptions Parse(Dictionary<string, string> values, bool quick)
    {
        var name = values.GetValueOrDefault("--fan-out") ?? (quick ? "8x100" : "40x2500");
        var spec = name == "none" ? null : ScenarioSpec.Parse(name, withNaive: false);
        if (spec is not null && spec.Endpoints < FanOutListing.Targets.Count)
        {
            throw new ArgumentException($"--fan-out {name}: needs at least {FanOutListing.Targets.Count} endpoints, one per target");
        }

        var workers = values.TryGetValue("--max-workers", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : DefaultMaxWorkers;
        if (workers < 1)
        {
            throw new ArgumentException($"--max-workers must be at least 1, got {workers}");
        }

        return new FanOutOptions(spec, workers,
            TimeSpan.FromMilliseconds(CommandLine.Double(values, "--sqs-latency-ms", DefaultSqsLatency.TotalMilliseconds)));
    }
}
