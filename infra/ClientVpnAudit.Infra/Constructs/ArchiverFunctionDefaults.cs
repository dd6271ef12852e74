using Amazon.CDK;

namespace ClientVpnAudit.Infra.Constructs;

/// <summary>The function's sizing and invocation limits, in one place until a benchmark tunes them.</summary>
public static class ArchiverFunctionDefaults
{
    public const int MemorySizeMb = 512;

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
