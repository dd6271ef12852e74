using ClientVpnAudit.Bench.Aws;
using ClientVpnAudit.Bench.Polls;
using ClientVpnAudit.Bench.Scenarios;
using ClientVpnAudit.Bench.Verification;

namespace ClientVpnAudit.Bench.FanOut;

/// <summary>
/// One poll of the fan-out scenario, run both ways on the same listing: the single invocation, and the planner
/// followed by one worker per endpoint.
/// </summary>
/// <param name="WorkersElapsedSeconds">From the first worker's start to the last one's end, on the harness's clock.</param>
/// <param name="SendBatches">The SendMessageBatch requests the planner made (each target's endpoints, ten at a time).</param>
internal sealed record FanOutPoll(
    int Poll,
    PollResult Single,
    PollResult Planner,
    IReadOnlyList<PollResult> Workers,
    double WorkersElapsedSeconds,
    int SendBatches,
    RequiredWrites Minimum)
{
    public double FanOutWallSeconds => Planner.WallSeconds + WorkersElapsedSeconds;

    public IEnumerable<PollResult> All => Workers.Prepend(Planner).Prepend(Single);

    public bool Succeeded => All.All(result => result.Succeeded);
}

/// <summary>Everything measured for the fan-out scenario, and both tables' checks.</summary>
internal sealed class FanOutResult(ScenarioSpec spec, FanOutOptions options, Latency latency, int maxConcurrency)
{
    public ScenarioSpec Spec { get; } = spec;
    public FanOutOptions Options { get; } = options;
    public Latency Latency { get; } = latency;

    /// <summary>The single invocation's MAX_CONCURRENCY.</summary>
    public int MaxConcurrency { get; } = maxConcurrency;

    public List<FanOutPoll> Polls { get; } = [];
    public Verdict? SingleVerdict { get; set; }
    public Verdict? FanOutVerdict { get; set; }
    public double ScenarioSeconds { get; set; }

    /// <summary>The machine's 1-minute load average when the scenario started and ended (other work shares its cores).</summary>
    public double LoadAverageAtStart { get; set; }
    public double LoadAverageAtEnd { get; set; }

    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public int Targets => FanOutListing.Targets.Count;

    /// <summary>The first poll, into empty tables.</summary>
    public FanOutPoll First => Polls[0];

    /// <summary>The poll after it, each table holding the first poll's state: the steady poll reported.</summary>
    public FanOutPoll Steady => Polls[^1];

    public bool Correct => SingleVerdict is { Correct: true } && FanOutVerdict is { Correct: true } && Polls.All(poll => poll.Succeeded);
}
