using Amazon.CDK;

namespace ClientVpnAudit.Infra.Configuration;

/// <summary>
/// How often the planner runs, and everything that follows from it: the staleness alarm's window and how long a
/// scheduled event may wait. AWS Client VPN lists an ended connection for only 60 minutes, so the alarm must fire
/// while a repaired archiver can still recover what ended after its last successful run.
/// </summary>
/// <remarks>
/// The arithmetic, in minutes, for an interval I:
/// <list type="bullet">
/// <item>Healthy runs report success at most I + <see cref="LongestRun"/> apart. The staleness window W is the smallest
/// whole number of alarm periods that is at least that gap plus one period, so a healthy schedule never alarms
/// (datapoints land in aligned periods).</item>
/// <item>After the last successful run (which listed its connections up to <see cref="LongestRun"/> before it
/// reported), the alarm fires at the latest one period (alignment) plus W plus <see cref="EvaluationDelay"/> later.
/// What ended just after that listing stays listed for 60 minutes from it: the difference is the recovery lead.</item>
/// <item>Only intervals whose lead is at least <see cref="MinimumRecoveryLead"/> are allowed.</item>
/// <item>An event may wait until the next run would do the same work (one interval), but at least long enough for
/// Lambda's one retry of a failed run to start (<see cref="LongestRun"/> plus Lambda's one-minute retry delay).</item>
/// </list>
/// </remarks>
public sealed record ScheduleInterval
{
    public const int MinimumMinutes = 1;
    public const int DefaultMinutes = 5;

    /// <summary>How long AWS Client VPN lists a connection after it ended.</summary>
    public static readonly TimeSpan ListedAfterEnd = TimeSpan.FromMinutes(60);

    /// <summary>The staleness alarm must fire at least this long before ended sessions start to age out.</summary>
    public static readonly TimeSpan MinimumRecoveryLead = TimeSpan.FromMinutes(20);

    /// <summary>The alarms' period: the archiver's metrics are standard resolution.</summary>
    public static readonly TimeSpan AlarmPeriod = TimeSpan.FromMinutes(5);

    /// <summary>The planner's timeout: the longest a run takes from its listing to its report.</summary>
    public static readonly TimeSpan LongestRun = Constructs.ArchiverFunctionDefaults.Timeout;

    /// <summary>CloudWatch evaluates an alarm about a minute after a period closes.</summary>
    public static readonly TimeSpan EvaluationDelay = TimeSpan.FromMinutes(1);

    /// <summary>Lambda waits about a minute before retrying a failed asynchronous invocation.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    public static ScheduleInterval Default { get; } = new(DefaultMinutes);

    /// <summary>Every interval (whole minutes) whose staleness alarm leaves at least the minimum recovery lead.</summary>
    public static IReadOnlyList<int> AllowedMinutes { get; } =
        Enumerable.Range(MinimumMinutes, 60).Where(minutes => new ScheduleInterval(minutes).RecoveryLead >= MinimumRecoveryLead).ToArray();

    public static int MaximumMinutes => AllowedMinutes[^1];

    private ScheduleInterval(int minutes) => Minutes = minutes;

    public int Minutes { get; }

    public Duration Duration => Duration.Minutes(Minutes);

    public TimeSpan TimeSpan => TimeSpan.FromMinutes(Minutes);

    /// <summary>Consecutive alarm periods without a successful run before the staleness alarm fires.</summary>
    public int StalenessPeriods => (int)Math.Ceiling((TimeSpan + LongestRun + AlarmPeriod) / AlarmPeriod);

    public TimeSpan StalenessWindow => StalenessPeriods * AlarmPeriod;

    /// <summary>How long before the first ended session ages out of AWS's listing the staleness alarm fires, at worst.</summary>
    public TimeSpan RecoveryLead => ListedAfterEnd - LongestRun - (AlarmPeriod + StalenessWindow + EvaluationDelay);

    /// <summary>How long a scheduled run may wait (throttled, or retried after a failure) before it is dropped.</summary>
    public TimeSpan MaxEventAge => TimeSpan > LongestRun + RetryDelay ? TimeSpan : LongestRun + RetryDelay;

    public static ScheduleInterval FromMinutes(int minutes) =>
        AllowedMinutes.Contains(minutes)
            ? new ScheduleInterval(minutes)
            : throw new InvalidContextException(ContextKeys.ScheduleMinutes, minutes, Expectation);

    /// <summary>Reads the context value; the default when it is not set.</summary>
    public static ScheduleInterval FromContext(object? raw)
    {
        if (!ContextValue.IsSet(raw))
        {
            return Default;
        }

        try
        {
            return FromMinutes(ContextValue.WholeNumber(ContextKeys.ScheduleMinutes, raw, int.MinValue, int.MaxValue)!.Value);
        }
        catch (InvalidContextException)
        {
            // Report the value as given ("abc", 2.5, 30), not as parsed.
            throw new InvalidContextException(ContextKeys.ScheduleMinutes, raw, Expectation);
        }
    }

    private static string Expectation =>
        $"expected a whole number of minutes from {MinimumMinutes} to {MaximumMinutes} (AWS Client VPN lists ended connections "
        + $"for only 60 minutes: a slower schedule's staleness alarm would fire less than {MinimumRecoveryLead.TotalMinutes:0} "
        + "minutes before they age out)";
}
