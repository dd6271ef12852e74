using Amazon.CDK;

namespace ClientVpnAudit.Infra.Constructs;

/// <summary>The sizing and invocation limits of the planner and the worker, in one place.</summary>
public static class ArchiverFunctionDefaults
{
    /// <summary>
    /// One full vCPU: the benchmark (bench/results/latest.md, "CPU") shows that a 100,000-connection poll at 512 MB
    /// (0.29 vCPU) would not fit the time budget; memory itself stays far below this.
    /// </summary>
    public const int MemorySizeMb = 1769;

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The archiver stops starting new work this long before the timeout, so it can still write its summary and
    /// metrics (a timed-out run emits neither).
    /// </summary>
    public static readonly TimeSpan TimeBudgetMargin = TimeSpan.FromSeconds(30);

    public static int TimeBudgetSeconds => (int)(Timeout - TimeBudgetMargin).TotalSeconds;

    /// <summary>One retry of a failed run; the event age limit (see ScheduleInterval.MaxEventAge) drops a stale one.</summary>
    public const int AsyncRetryAttempts = 1;

    public static Duration ToDuration(TimeSpan span) => Duration.Seconds(span.TotalSeconds);
}
