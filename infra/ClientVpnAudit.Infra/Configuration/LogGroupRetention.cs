using Amazon.CDK.AWS.Logs;

namespace ClientVpnAudit.Infra.Configuration;

/// <summary>The CloudWatch Logs retention of the archiver's log group, in days. CloudWatch accepts only these values.</summary>
public static class LogGroupRetention
{
    /// <summary>
    /// One year: the sessions themselves live in DynamoDB, but the run summaries are the evidence that the archiver
    /// ran without gaps over an audit period, and a year of them costs cents.
    /// </summary>
    public const int DefaultDays = 365;

    /// <summary>0 keeps the logs forever.</summary>
    public const int NeverExpire = 0;

    private static readonly IReadOnlyDictionary<int, RetentionDays> ByDays = new Dictionary<int, RetentionDays>
    {
        [NeverExpire] = RetentionDays.INFINITE,
        [1] = RetentionDays.ONE_DAY,
        [3] = RetentionDays.THREE_DAYS,
        [5] = RetentionDays.FIVE_DAYS,
        [7] = RetentionDays.ONE_WEEK,
        [14] = RetentionDays.TWO_WEEKS,
        [30] = RetentionDays.ONE_MONTH,
        [60] = RetentionDays.TWO_MONTHS,
        [90] = RetentionDays.THREE_MONTHS,
        [120] = RetentionDays.FOUR_MONTHS,
        [150] = RetentionDays.FIVE_MONTHS,
        [180] = RetentionDays.SIX_MONTHS,
        [365] = RetentionDays.ONE_YEAR,
        [400] = RetentionDays.THIRTEEN_MONTHS,
        [545] = RetentionDays.EIGHTEEN_MONTHS,
        [731] = RetentionDays.TWO_YEARS,
        [1096] = RetentionDays.THREE_YEARS,
        [1827] = RetentionDays.FIVE_YEARS,
        [2192] = RetentionDays.SIX_YEARS,
        [2557] = RetentionDays.SEVEN_YEARS,
        [2922] = RetentionDays.EIGHT_YEARS,
        [3288] = RetentionDays.NINE_YEARS,
        [3653] = RetentionDays.TEN_YEARS,
    };

    public static IEnumerable<int> AllowedDays => ByDays.Keys.Order();

    public static bool IsAllowed(int days) => ByDays.ContainsKey(days);

    public static RetentionDays ToRetentionDays(int days) =>
        ByDays.TryGetValue(days, out var retention)
            ? retention
            : throw new InvalidContextException(ContextKeys.LogRetentionDays, days, AllowedDescription);

    public static int FromContext(object? raw)
    {
        var days = ContextValue.WholeNumber(ContextKeys.LogRetentionDays, raw, 0, int.MaxValue) ?? DefaultDays;
        return IsAllowed(days) ? days : throw new InvalidContextException(ContextKeys.LogRetentionDays, raw, AllowedDescription);
    }

    private static string AllowedDescription =>
        $"CloudWatch Logs accepts only {string.Join(", ", AllowedDays.Where(days => days != NeverExpire))} days, or 0 to keep logs forever";
}
