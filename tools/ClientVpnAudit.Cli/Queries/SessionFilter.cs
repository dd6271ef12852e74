using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Cli.Queries;

/// <summary>
/// Which sessions a query selects; <see cref="Matches"/> is the one definition of the semantics, whichever way the
/// items were fetched.
/// </summary>
internal sealed record SessionFilter
{
    /// <summary>
    /// The longest a connection can last: AWS disconnects a session after SessionTimeoutHours (8, 10, 12 or 24). This
    /// bounds how long before --since a session that overlaps the interval can have started.
    /// </summary>
    public static readonly TimeSpan LongestSession = TimeSpan.FromHours(24);

    public static readonly SessionFilter All = new();

    public string? EndpointId { get; init; }

    /// <summary>Matches <see cref="SessionAttributes.AccountId"/> exactly; no index holds it, so it filters what was read.</summary>
    public string? AccountId { get; init; }

    /// <summary>Matches <see cref="SessionAttributes.Region"/> exactly; no index holds it, so it filters what was read.</summary>
    public string? Region { get; init; }

    /// <summary>Matches <see cref="SessionAttributes.Identity"/> exactly (Username, else CommonName).</summary>
    public string? Identity { get; init; }

    public DateTimeOffset? Since { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>Only sessions that have not ended (Status is not terminated).</summary>
    public bool ActiveOnly { get; init; }

    /// <summary>
    /// True when the session was (or may have been) connected at some moment of [Since, Until]: established at or before
    /// Until, and ended at or after Since. A session whose end is unknown counts as connected until the earliest moment
    /// it surely had ended: MissingSince for a lost session, and never later than <see cref="LongestSession"/> after it
    /// was established.
    /// </summary>
    public bool Matches(ArchivedSession session)
    {
        if (EndpointId is not null && session.EndpointId != EndpointId)
        {
            return false;
        }

        if (Identity is not null && session.Identity != Identity)
        {
            return false;
        }

        if ((AccountId is not null && session.Text(SessionAttributes.AccountId) != AccountId)
            || (Region is not null && session.Text(SessionAttributes.Region) != Region))
        {
            return false;
        }

        if (ActiveOnly && ConnectionStatus.HasEnded(session.Status))
        {
            return false;
        }

        if (Until is { } until && string.CompareOrdinal(session.EstablishedTime, AuditTime.Format(until)) > 0)
        {
            return false;
        }

        return Since is not { } since || string.CompareOrdinal(LatestPossibleEnd(session), AuditTime.Format(since)) >= 0;
    }

    private static string LatestPossibleEnd(ArchivedSession session)
    {
        if (session.EndTime is { } ended)
        {
            return ended;
        }

        var timedOut = AuditTime.ParseStored(session.EstablishedTime) is { } established
            ? AuditTime.Format(established + LongestSession)
            : session.EstablishedTime;
        return session.MissingSince is { } missingSince && string.CompareOrdinal(missingSince, timedOut) < 0 ? missingSince : timedOut;
    }
}
