namespace ClientVpnAudit.Archiver.Configuration;

/// <summary>What one archiver run needs to know, validated once (see <see cref="ArchiverOptionsReader"/>).</summary>
public sealed record ArchiverOptions
{
    public const int DefaultActiveRefreshMinutes = 15;
    public const int DefaultMaxConcurrency = 4;
    public const int DefaultTimeBudgetSeconds = 90;

    public required string TableName { get; init; }

    /// <summary>The endpoints to poll; empty means discover every endpoint of the account and region.</summary>
    public IReadOnlyList<string> EndpointIds { get; init; } = [];

    /// <summary>0 keeps sessions forever; otherwise ExpiresAt is set this many days after a session's end.</summary>
    public int RetentionDays { get; init; }

    /// <summary>How stale an active session's counters may get before a poll rewrites them; 0 writes on every poll.</summary>
    public int ActiveRefreshMinutes { get; init; } = DefaultActiveRefreshMinutes;

    /// <summary>How many endpoints are archived at once.</summary>
    public int MaxConcurrency { get; init; } = DefaultMaxConcurrency;

    /// <summary>No new page is started after this much time; work already under way gets a short grace period.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(DefaultTimeBudgetSeconds);
}
