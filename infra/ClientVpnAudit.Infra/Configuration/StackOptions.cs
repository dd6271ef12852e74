using System.Text.RegularExpressions;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Sessions;
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

    /// <summary>Concurrent executions reserved for the planner; null reserves none (the default).</summary>
    public int? ReservedConcurrency { get; init; }

    public const int DefaultMaxWorkers = 10;

    /// <summary>The bounds Lambda accepts for an SQS event source's MaximumConcurrency.</summary>
    public const int MinimumMaxWorkers = 2;

    public const int MaximumMaxWorkers = 1000;

    /// <summary>Workers (one endpoint each) running at once.</summary>
    public int MaxWorkers { get; init; } = DefaultMaxWorkers;

    /// <summary>CloudFormation refuses to delete the stack while this is on (the default).</summary>
    public bool TerminationProtection { get; init; } = true;

    /// <summary>Every account and region to archive; empty means the archiver's default, the stack's own account and region.</summary>
    public IReadOnlyList<Target> Targets { get; init; } = [];

    /// <summary>The role assumed in a target of another account; null leaves the archiver's default name.</summary>
    public string? MemberRoleName { get; init; }

    /// <summary>"Deliberately no alarm email" in an environment's block.</summary>
    public const string NoAlarmEmail = "none";

    /// <summary>"Deliberately the AWS-owned key" in an environment's block.</summary>
    public const string AwsOwnedKey = "aws-owned";

    /// <summary>"Deliberately every endpoint" in an environment's block.</summary>
    public const string AllEndpoints = "all";

    /// <summary>Reads the options from a construct tree's context (normally the App's), through `-c env` when given.</summary>
    public static StackOptions FromContext(Node node) => FromContext(node.TryGetContext);

    public static StackOptions FromContext(Func<string, object?> rawContext) => Read(DeploymentEnvironment.Select(rawContext));

    private static StackOptions Read(Func<string, object?> context) => new()
    {
        Schedule = ScheduleInterval.FromContext(context(ContextKeys.ScheduleMinutes)),
        RetentionDays = ArchiverSetting<int?>(context, ContextKeys.RetentionDays, value => ArchiverOptionsReader.ReadRetentionDays(value), null),
        EndpointIds = IsWord(context(ContextKeys.EndpointIds), AllEndpoints)
            ? []
            : ArchiverSetting(context, ContextKeys.EndpointIds, ArchiverOptionsReader.ReadEndpointIds, []),
        AlarmEmail = ParseAlarmEmail(context(ContextKeys.AlarmEmail)),
        KmsKeyArn = ParseKmsKeyArn(context(ContextKeys.KmsKeyArn)),
        LogRetentionDays = LogGroupRetention.FromContext(context(ContextKeys.LogRetentionDays)),
        ActiveRefreshMinutes = ArchiverSetting<int?>(context, ContextKeys.ActiveRefreshMinutes,
            value => ArchiverOptionsReader.ReadActiveRefreshMinutes(value), null),
        MaxConcurrency = ArchiverSetting<int?>(context, ContextKeys.MaxConcurrency, value => ArchiverOptionsReader.ReadMaxConcurrency(value), null),
        ReservedConcurrency = ContextValue.WholeNumber(ContextKeys.ReservedConcurrency, context(ContextKeys.ReservedConcurrency), 1, 1000),
        MaxWorkers = ContextValue.WholeNumber(ContextKeys.MaxWorkers, context(ContextKeys.MaxWorkers), MinimumMaxWorkers, MaximumMaxWorkers)
            ?? DefaultMaxWorkers,
        TerminationProtection = ContextValue.Flag(ContextKeys.TerminationProtection, context(ContextKeys.TerminationProtection)) ?? true,
        Targets = ArchiverSetting(context, ContextKeys.Targets, ArchiverOptionsReader.ReadTargets, []),
        MemberRoleName = ArchiverSetting<string?>(context, ContextKeys.MemberRoleName, value => ArchiverOptionsReader.ReadMemberRoleName(value), null),
    };

    /// <summary>
    /// An archiver setting, checked by the archiver's own reader (the one set of ranges and patterns), or
    /// <paramref name="notSet"/> when the context does not give it, so the archiver's default applies.
    /// </summary>
    internal static T ArchiverSetting<T>(Func<string, object?> context, string key, Func<string?, T> read, T notSet)
    {
        var raw = context(key);
        if (!ContextValue.IsSet(raw))
        {
            return notSet;
        }

        try
        {
            return read(ContextValue.SettingText(key, raw));
        }
        catch (ArchiverConfigurationException refused)
        {
            throw new InvalidContextException(key, raw, "expected " + refused.Expectation);
        }
    }

    private static bool IsWord(object? raw, string word) => raw is string text && text.Trim() == word;

    private static string? ParseAlarmEmail(object? raw)
    {
        if (IsWord(raw, NoAlarmEmail))
        {
            return null;
        }

        var email = ContextValue.Text(ContextKeys.AlarmEmail, raw);
        return email is null || EmailPattern().IsMatch(email)
            ? email
            : throw new InvalidContextException(ContextKeys.AlarmEmail, raw, "expected one email address");
    }

    private static string? ParseKmsKeyArn(object? raw)
    {
        if (IsWord(raw, AwsOwnedKey))
        {
            return null;
        }

        var arn = ContextValue.Text(ContextKeys.KmsKeyArn, raw);
        return arn is null || KmsKeyArnPattern().IsMatch(arn)
            ? arn
            : throw new InvalidContextException(ContextKeys.KmsKeyArn, raw,
                "expected a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/<key-id> (not an alias)");
    }

    [GeneratedRegex(@"^[^@\s,]+@[^@\s,]+\.[^@\s,]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$")]
    private static partial Regex KmsKeyArnPattern();
}
