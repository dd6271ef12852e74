using Amazon.CDK;

namespace ClientVpnAudit.Infra.Constructs;

/// <summary>The function's sizing and invocation limits, in one place.</summary>
public static class ArchiverFunctionDefaults
{
    /// <summary>
    /// One full vCPU. The benchmark (bench/results/latest.md) measured about 0.3 ms of CPU per DynamoDB request: a
    /// 100,000-connection poll needs about 34 CPU-seconds, which at 512 MB (0.29 vCPU) would not fit the time budget.
    /// Memory itself peaks near 155 MB.
    /// </summary>
    public const int MemorySizeMb = 1769;

    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The archiver stops starting new work this long before the timeout, so it can still write its summary and
    /// metrics (a timed-out run emits neither).
    /// </summary>
    public static readonly TimeSpan TimeBudgetMargin = TimeSpan.FromSeconds(30);

    public static int TimeBudgetSeconds => (int)(Timeout - TimeBudgetMargin).TotalSeconds;

    /// <summary>One retry of a failed run; the event age limit drops it if it would meet the next scheduled run.</summary>
    public const int AsyncRetryAttempts = 1;

    /// <summary>Lambda's lower bound for MaximumEventAgeInSeconds.</summary>
    public static readonly TimeSpan MinimumEventAge = TimeSpan.FromSeconds(60);

    public static Duration ToDuration(TimeSpan span) => Duration.Seconds(span.TotalSeconds);
}
