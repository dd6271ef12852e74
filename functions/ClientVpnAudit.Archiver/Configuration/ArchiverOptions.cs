using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Archiver.Configuration;

/// <summary>What one archiver run needs to know, validated once (see <see cref="ArchiverOptionsReader"/>).</summary>
public sealed record ArchiverOptions
{
    public const int DefaultActiveRefreshMinutes = 15;
    public const int DefaultMaxConcurrency = 4;
    public const int DefaultTimeBudgetSeconds = 90;

    public required string TableName { get; init; }

    /// <summary>The endpoint-state table (each endpoint's last complete listing); null records none.</summary>
    public string? EndpointTableName { get; init; }

    /// <summary>The account and region whose endpoints this run archives; every record carries them.</summary>
    public Target Target { get; init; } = Target.Local;

    /// <summary>Every account and region to archive; empty means only <see cref="Target"/>, the function's own.</summary>
    public IReadOnlyList<Target> Targets { get; init; } = [];

    public const string DefaultMemberRoleName = "ClientVpnAuditReader";

    /// <summary>The role assumed in a target of another account.</summary>
    public string MemberRoleName { get; init; } = DefaultMemberRoleName;

    /// <summary>The endpoints to poll; empty means discover every endpoint of the account and region.</summary>
    public IReadOnlyList<string> EndpointIds { get; init; } = [];

    /// <summary>0 keeps sessions forever; otherwise ExpiresAt is set this many days after a session's end.</summary>
    public int RetentionDays { get; init; }

    /// <summary>
    /// An active session's counters are rewritten by the first poll at least this long after its last write; with polls
    /// a few seconds either side of a whole interval, that can be one poll later than the minutes suggest. 0 writes on
    /// every poll.
    /// </summary>
    public int ActiveRefreshMinutes { get; init; } = DefaultActiveRefreshMinutes;

    /// <summary>How many endpoints are archived at once.</summary>
    public int MaxConcurrency { get; init; } = DefaultMaxConcurrency;

    public const int DefaultPollIntervalMinutes = 5;

    /// <summary>How often the planner runs; work older than this is stale (a later run has planned it again).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMinutes(DefaultPollIntervalMinutes);

    /// <summary>The SQS queue a planner sends its work to; only the planner function needs it.</summary>
    public string? WorkQueueUrl { get; init; }

    /// <summary>No new page is started after this much time; work already under way gets a short grace period.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(DefaultTimeBudgetSeconds);
}
