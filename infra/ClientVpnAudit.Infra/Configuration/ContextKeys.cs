namespace ClientVpnAudit.Infra.Configuration;

/// <summary>The CDK context keys the app reads (`-c key=value` or "context" in cdk.json).</summary>
public static class ContextKeys
{
    public const string ScheduleMinutes = "scheduleMinutes";
    public const string RetentionDays = "retentionDays";
    public const string EndpointIds = "endpointIds";
    public const string AlarmEmail = "alarmEmail";
    public const string KmsKeyArn = "kmsKeyArn";
    public const string LogRetentionDays = "logRetentionDays";
    public const string ActiveRefreshMinutes = "activeRefreshMinutes";
    public const string MaxConcurrency = "maxConcurrency";
    public const string ReservedConcurrency = "reservedConcurrency";
    public const string TerminationProtection = "terminationProtection";

    /// <summary>Workers running at once: the work queue's event source mapping's MaximumConcurrency.</summary>
    public const string MaxWorkers = "maxWorkers";

    /// <summary>Every account and region to archive, as ACCOUNT:REGION pairs (sets TARGETS).</summary>
    public const string Targets = "targets";

    /// <summary>The role assumed in each member account (sets MEMBER_ROLE_NAME); the member stack creates it by this name.</summary>
    public const string MemberRoleName = "memberRoleName";

    /// <summary>
    /// The account of the central stack, whose archiver roles the member stack's role trusts. Given only on the command
    /// line of a member account's deploy, never in an environment's block: the app defines the member stack only when
    /// it is given (see ClientVpnAuditApp).
    /// </summary>
    public const string CentralAccountId = "centralAccountId";

    /// <summary>Optional for the member stack: the organization the central account must belong to (aws:PrincipalOrgID).</summary>
    public const string OrganizationId = "organizationId";

    /// <summary>`-c env=NAME` chooses a block of <see cref="Environments"/> (see DeploymentEnvironment).</summary>
    public const string Environment = "env";

    /// <summary>cdk.json's committed blocks of settings, one per environment.</summary>
    public const string Environments = "environments";

    /// <summary>Every deployment setting (what an environment's block may hold).</summary>
    public static readonly IReadOnlyList<string> Settings =
    [
        ScheduleMinutes, RetentionDays, EndpointIds, AlarmEmail, KmsKeyArn, LogRetentionDays, ActiveRefreshMinutes,
        MaxConcurrency, ReservedConcurrency, TerminationProtection, Targets, MemberRoleName, MaxWorkers,
    ];
}
