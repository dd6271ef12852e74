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
}
