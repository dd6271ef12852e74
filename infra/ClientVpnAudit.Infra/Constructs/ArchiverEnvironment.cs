using System.Globalization;
using Amazon.CDK;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Infra.Configuration;

namespace ClientVpnAudit.Infra.Constructs;

/// <summary>
/// The environment variables of the archiver's functions: the settings both share, and each one's own. Optional
/// settings are set only when the context gives them, so the archiver's own defaults (defined once, in the archiver)
/// apply otherwise. The archiver's own reader checks the result at synth time, so a value it would refuse at its first
/// run stops the deployment instead.
/// </summary>
public static class ArchiverEnvironment
{
    /// <summary>
    /// Read by the .NET runtime client (Amazon.Lambda.RuntimeSupport) before AWS_LAMBDA_LOG_FORMAT. With the JSON log
    /// format it would otherwise wrap every Console.WriteLine in <c>{"level":..,"message":"the line as a string"}</c>,
    /// which hides the archiver's EMF documents from CloudWatch (no RunSucceeded metric, a staleness alarm that never
    /// clears). "Unformatted" passes the archiver's lines, already JSON, through unchanged.
    /// </summary>
    public const string RuntimeLogFormatVariable = "AWS_LAMBDA_HANDLER_LOG_FORMAT";

    public const string RuntimeLogFormatUnformatted = "Unformatted";

    /// <summary>The planner's own variable: the queue it sends one message per endpoint to.</summary>
    public static IReadOnlyDictionary<string, string> PlannerSettings(string workQueueUrl) =>
        new Dictionary<string, string> { [ArchiverSettingNames.WorkQueueUrl] = workQueueUrl };

    /// <summary>
    /// The worker's own variables: the schedule's interval, past which a piece of work is stale, and the work queue, on
    /// which it brings a failed message back soon (within that interval).
    /// </summary>
    public static IReadOnlyDictionary<string, string> WorkerSettings(ScheduleInterval schedule, string workQueueUrl) =>
        new Dictionary<string, string>
        {
            [ArchiverSettingNames.PollIntervalMinutes] = Format(schedule.Minutes),
            [ArchiverSettingNames.WorkQueueUrl] = workQueueUrl,
        };

    /// <param name="ownSettings">What only this function needs (<see cref="PlannerSettings"/>, <see cref="WorkerSettings"/>).</param>
    public static Dictionary<string, string> Build(string tableName, string endpointTableName, StackOptions options, int timeBudgetSeconds,
        IReadOnlyDictionary<string, string>? ownSettings = null)
    {
        var environment = new Dictionary<string, string>
        {
            [ArchiverSettingNames.TableName] = tableName,
            [ArchiverSettingNames.EndpointTableName] = endpointTableName,
            [ArchiverSettingNames.TimeBudgetSeconds] = Format(timeBudgetSeconds),
            // The stack's own account, resolved by CloudFormation; Lambda sets AWS_REGION itself.
            [ArchiverSettingNames.AccountId] = Aws.ACCOUNT_ID,
            [RuntimeLogFormatVariable] = RuntimeLogFormatUnformatted,
        };

        if (options.EndpointIds.Count > 0)
        {
            environment[ArchiverSettingNames.EndpointIds] = string.Join(',', options.EndpointIds);
        }

        if (options.Targets.Count > 0)
        {
            // Target.ToString() is the ACCOUNT:REGION form the archiver reads.
            environment[ArchiverSettingNames.Targets] = string.Join(',', options.Targets);
        }

        if (options.MemberRoleName is { } memberRoleName)
        {
            environment[ArchiverSettingNames.MemberRoleName] = memberRoleName;
        }

        AddIfSet(environment, ArchiverSettingNames.RetentionDays, options.RetentionDays);
        AddIfSet(environment, ArchiverSettingNames.ActiveRefreshMinutes, options.ActiveRefreshMinutes);
        AddIfSet(environment, ArchiverSettingNames.MaxConcurrency, options.MaxConcurrency);
        foreach (var (name, value) in ownSettings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        // Everything the context decided, checked now; the account is a CloudFormation reference until deploy.
        _ = ArchiverOptionsReader.Read(name => name == ArchiverSettingNames.AccountId ? null : environment.GetValueOrDefault(name));
        return environment;
    }

    private static void AddIfSet(Dictionary<string, string> environment, string name, int? value)
    {
        if (value is { } number)
        {
            environment[name] = Format(number);
        }
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
