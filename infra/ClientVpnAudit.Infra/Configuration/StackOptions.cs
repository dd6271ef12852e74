using System.Text.RegularExpressions;
using Constructs;

namespace ClientVpnAudit.Infra.Configuration;

/// <summary>
/// Everything a deployment can choose, read once from the CDK context and validated at synth time. Optional archiver
/// settings stay null when not given, so the archiver's own defaults apply and are defined only there.
/// </summary>
public sealed partial record StackOptions
{
    public ScheduleInterval Schedule { get; init; } = ScheduleInterval.Default;

    /// <summary>Days to keep a session after it ended; null (or 0) keeps sessions forever.</summary>
    public int? RetentionDays { get; init; }

    /// <summary>Endpoints to archive; empty means every endpoint in the account and region.</summary>
    public IReadOnlyList<string> EndpointIds { get; init; } = [];

    public string? AlarmEmail { get; init; }

    /// <summary>A customer-managed KMS key for the table; null uses the AWS-owned key.</summary>
    public string? KmsKeyArn { get; init; }

    public int LogRetentionDays { get; init; } = LogGroupRetention.DefaultDays;

    public int? ActiveRefreshMinutes { get; init; }

    public int? MaxConcurrency { get; init; }

    /// <summary>Reads the options from a construct tree's context (normally the App's).</summary>
    public static StackOptions FromContext(Node node) => FromContext(node.TryGetContext);

    public static StackOptions FromContext(Func<string, object?> context) => new()
    {
        Schedule = ScheduleInterval.FromContext(context(ContextKeys.ScheduleMinutes)),
        RetentionDays = ContextValue.WholeNumber(ContextKeys.RetentionDays, context(ContextKeys.RetentionDays), 0, MaximumRetentionDays),
        EndpointIds = ParseEndpointIds(context(ContextKeys.EndpointIds)),
        AlarmEmail = ParseAlarmEmail(context(ContextKeys.AlarmEmail)),
        KmsKeyArn = ParseKmsKeyArn(context(ContextKeys.KmsKeyArn)),
        LogRetentionDays = LogGroupRetention.FromContext(context(ContextKeys.LogRetentionDays)),
        ActiveRefreshMinutes = ContextValue.WholeNumber(ContextKeys.ActiveRefreshMinutes, context(ContextKeys.ActiveRefreshMinutes), 0, 24 * 60),
        MaxConcurrency = ContextValue.WholeNumber(ContextKeys.MaxConcurrency, context(ContextKeys.MaxConcurrency), 1, 64),
    };

    /// <summary>100 years: far beyond any audit requirement, and it keeps ExpiresAt (epoch seconds) well in range.</summary>
    public const int MaximumRetentionDays = 36_500;

    private static IReadOnlyList<string> ParseEndpointIds(object? raw)
    {
        var text = ContextValue.Text(ContextKeys.EndpointIds, raw);
        if (text is null)
        {
            return [];
        }

        var ids = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
        var invalid = ids.FirstOrDefault(id => !EndpointIdPattern().IsMatch(id));
        if (ids.Count == 0 || invalid is not null)
        {
            throw new InvalidContextException(ContextKeys.EndpointIds, raw,
                "expected comma-separated Client VPN endpoint IDs such as cvpn-endpoint-0123456789abcdef0" +
                (invalid is null ? "" : $" (\"{invalid}\" is not one)"));
        }

        return ids;
    }

    private static string? ParseAlarmEmail(object? raw)
    {
        var email = ContextValue.Text(ContextKeys.AlarmEmail, raw);
        return email is null || EmailPattern().IsMatch(email)
            ? email
            : throw new InvalidContextException(ContextKeys.AlarmEmail, raw, "expected one email address");
    }

    private static string? ParseKmsKeyArn(object? raw)
    {
        var arn = ContextValue.Text(ContextKeys.KmsKeyArn, raw);
        return arn is null || KmsKeyArnPattern().IsMatch(arn)
            ? arn
            : throw new InvalidContextException(ContextKeys.KmsKeyArn, raw,
                "expected a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<key-id> (not an alias)");
    }

    [GeneratedRegex("^cvpn-endpoint-[0-9a-f]+$")]
    private static partial Regex EndpointIdPattern();

    [GeneratedRegex(@"^[^@\s,]+@[^@\s,]+\.[^@\s,]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$")]
    private static partial Regex KmsKeyArnPattern();
}
