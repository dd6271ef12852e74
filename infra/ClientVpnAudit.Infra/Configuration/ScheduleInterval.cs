using Amazon.CDK;

namespace ClientVpnAudit.Infra.Configuration;

/// <summary>
/// How often the archiver runs: a whole number of minutes from 1 to 30. AWS Client VPN lists an ended connection
/// for only 60 minutes; with runs at most 30 minutes apart, one failed run still leaves the next run (and the
/// 30-minute staleness alarm) time to catch up before a session is lost.
/// </summary>
public sealed record ScheduleInterval
{
    public const int MinimumMinutes = 1;
    public const int MaximumMinutes = 30;
    public const int DefaultMinutes = 5;

    public static ScheduleInterval Default { get; } = new(DefaultMinutes);

    private ScheduleInterval(int minutes) => Minutes = minutes;

    public int Minutes { get; }

    public Duration Duration => Duration.Minutes(Minutes);

    public TimeSpan TimeSpan => TimeSpan.FromMinutes(Minutes);

    public static ScheduleInterval FromMinutes(int minutes) =>
        minutes is >= MinimumMinutes and <= MaximumMinutes
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
            // Report the value as given ("abc", 2.5, 31), not as parsed.
            throw new InvalidContextException(ContextKeys.ScheduleMinutes, raw, Expectation);
        }
    }

    private const string Expectation =
        "expected a whole number of minutes from 1 to 30 (AWS Client VPN keeps ended connections for only 60 minutes, " +
        "so runs more than 30 minutes apart cannot recover from a single failed run)";
}
