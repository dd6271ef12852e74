using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Bench.Aws;
using ClientVpnAudit.Bench.Scenarios;
using ClientVpnAudit.Bench.Verification;

namespace ClientVpnAudit.Bench.Results;

/// <summary>Everything measured for one scenario, and what follows from it.</summary>
internal sealed class ScenarioResult(ScenarioSpec spec, Latency latency, int maxConcurrency)
{
    /// <summary>The steady state: the last full refresh cycle of polls (polls 3, 4 and 5: minutes 15 to 25).</summary>
    public static readonly int SteadyPolls = ArchiverOptions.DefaultActiveRefreshMinutes / (int)ScenarioSpec.Interval.TotalMinutes;

    public ScenarioSpec Spec { get; } = spec;
    public Latency Latency { get; } = latency;
    public int MaxConcurrency { get; } = maxConcurrency;
    public List<PollOutcome> Archiver { get; } = [];
    public List<PollOutcome> Naive { get; } = [];
    public List<RequiredWrites> Minimum { get; } = [];
    public Verdict? ArchiverVerdict { get; set; }
    public Verdict? NaiveVerdict { get; set; }

    /// <summary>How long the whole scenario took: generating, every poll of both pollers, verifying.</summary>
    public double ScenarioSeconds { get; set; }

    public static bool IsSteady(int poll) => poll >= ScenarioSpec.Polls - SteadyPolls;

    public Phase ArchiverFirst => Phase.Of(Archiver.Where(p => p.Poll == 0).ToList(), this);
    public Phase ArchiverSteady => Phase.Of(Archiver.Where(p => IsSteady(p.Poll)).ToList(), this);
    public Phase? NaiveFirst => Naive.Count == 0 ? null : Phase.Of(Naive.Where(p => p.Poll == 0).ToList(), this);
    public Phase? NaiveSteady => Naive.Count == 0 ? null : Phase.Of(Naive.Where(p => p.Poll == BenchRunner.NaiveSteadyPoll).ToList(), this);

    /// <summary>The longest poll of the archiver: what has to fit in the time budget.</summary>
    public PollOutcome ArchiverSlowest => Archiver.MaxBy(p => p.Result.WallSeconds)!;

    public double MinimumFirst => Minimum[0].WriteUnits;
    public double MinimumSteady => Minimum.Where((_, poll) => IsSteady(poll)).Average(required => required.WriteUnits);
    public double PreviousLayoutMinimumSteady => Minimum.Where((_, poll) => IsSteady(poll)).Average(required => required.PreviousLayoutWriteUnits);
    public double PreviousLayoutMinimumFirst => Minimum[0].PreviousLayoutWriteUnits;
    public double MinimumWritesSteady => Minimum.Where((_, poll) => IsSteady(poll)).Average(required => required.Writes);

    public int PagesPerEndpoint => (Spec.ConnectionsPerEndpoint + 999) / 1000;
    public int EndpointListingPages => (Spec.Endpoints + 999) / 1000;

    /// <summary>
    /// The longest chain of EC2 requests that must follow each other: the endpoint listing, then one endpoint's pages.
    /// No poller can finish sooner, however many endpoints it reads at once.
    /// </summary>
    public double LowerBoundSeconds => (EndpointListingPages + PagesPerEndpoint) * Latency.Ec2.TotalSeconds;

    /// <summary>The same chain when only MAX_CONCURRENCY endpoints are read at once.</summary>
    public double ConcurrencyBoundSeconds =>
        (EndpointListingPages + (Spec.Endpoints + MaxConcurrency - 1) / MaxConcurrency * PagesPerEndpoint) * Latency.Ec2.TotalSeconds;

    public bool Correct =>
        ArchiverVerdict is { Correct: true }
        && (!Spec.WithNaive || NaiveVerdict is { Correct: true })
        && Archiver.All(p => p.Result.Succeeded) && Naive.All(p => p.Result.Succeeded);
}
