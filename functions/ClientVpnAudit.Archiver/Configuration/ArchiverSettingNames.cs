namespace ClientVpnAudit.Archiver.Configuration;

/// <summary>The environment variables the archiver reads. The stack sets them by these names.</summary>
public static class ArchiverSettingNames
{
    public const string TableName = "TABLE_NAME";
    public const string EndpointIds = "ENDPOINT_IDS";
    public const string RetentionDays = "RETENTION_DAYS";
    public const string ActiveRefreshMinutes = "ACTIVE_REFRESH_MINUTES";
    public const string MaxConcurrency = "MAX_CONCURRENCY";
    public const string TimeBudgetSeconds = "TIME_BUDGET_SECONDS";

    /// <summary>The endpoint-state table; absent means no endpoint state is recorded.</summary>
    public const string EndpointTableName = "ENDPOINT_TABLE_NAME";

    /// <summary>The account the endpoints live in; the stack sets it to its own.</summary>
    public const string AccountId = "ACCOUNT_ID";

    /// <summary>The region the endpoints live in; Lambda sets it for every function.</summary>
    public const string Region = "AWS_REGION";

    /// <summary>Every account and region to archive, as ACCOUNT:REGION pairs; absent means ACCOUNT_ID in AWS_REGION.</summary>
    public const string Targets = "TARGETS";

    /// <summary>The role assumed in a target of another account (arn:aws:iam::ACCOUNT:role/NAME).</summary>
    public const string MemberRoleName = "MEMBER_ROLE_NAME";

    /// <summary>The SQS work queue the planner sends one message per endpoint to.</summary>
    public const string WorkQueueUrl = "WORK_QUEUE_URL";

    /// <summary>Minutes between scheduled runs: a worker drops work older than this, which a later run has planned again.</summary>
    public const string PollIntervalMinutes = "POLL_INTERVAL_MINUTES";
}
