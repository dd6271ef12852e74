namespace ClientVpnAudit.Archiver.Sessions;

/// <summary>What a poll does with one observed session.</summary>
public enum UpsertAction
{
    /// <summary>Nothing stored yet: write the whole record.</summary>
    Insert,

    /// <summary>A newer snapshot with something worth writing: a change, a lost mark to clear, or a due counter refresh.</summary>
    Update,

    /// <summary>A newer snapshot with nothing worth writing.</summary>
    Unchanged,

    /// <summary>The stored record is as new or newer: a repeated or out-of-order snapshot.</summary>
    Stale,
}

/// <summary>The upsert rules, as pure logic: the store enforces the same staleness rule with a condition.</summary>
public static class UpsertDecision
{
    public static UpsertAction Decide(ObservedSession observed, StoredSession? stored, TimeSpan activeRefresh)
    {
        if (stored is null)
        {
            return UpsertAction.Insert;
        }

        if (string.CompareOrdinal(stored.LastObservedAt, observed.ObservedAt) >= 0 || WasFoundMissingSince(observed, stored))
        {
            return UpsertAction.Stale;
        }

        if (stored.MissingSince is not null || SomethingThatMattersChanged(observed, stored) || RefreshIsDue(observed, stored, activeRefresh))
        {
            return UpsertAction.Update;
        }

        return UpsertAction.Unchanged;
    }

    /// <summary>
    /// A listing at or after this snapshot no longer showed the session: seeing it still active before then is old news
    /// (a replay, or a run that raced a later one). Seeing its end is not: the real end replaces the inferred one.
    /// </summary>
    public static bool WasFoundMissingSince(ObservedSession observed, StoredSession stored) =>
        stored.MissingSince is not null && !observed.HasEnded && string.CompareOrdinal(observed.ObservedAt, stored.MissingSince) <= 0;

    private static bool SomethingThatMattersChanged(ObservedSession observed, StoredSession stored) =>
        observed.Status != stored.Status
        || observed.StatusMessage != stored.StatusMessage
        || observed.ConnectionEndTime != stored.ConnectionEndTime
        || observed.Username != stored.Username
        || observed.CommonName != stored.CommonName
        || observed.ClientIp != stored.ClientIp
        || observed.ClientIpv6Address != stored.ClientIpv6Address
        || !SameList(observed.PostureComplianceStatuses, stored.PostureComplianceStatuses);

    /// <summary>An active session's counters are rewritten once they are ActiveRefresh old; a terminated one's are final.</summary>
    private static bool RefreshIsDue(ObservedSession observed, StoredSession stored, TimeSpan activeRefresh)
    {
        if (ConnectionStatus.HasEnded(stored.Status))
        {
            return false;
        }

        var last = AuditTime.ParseStored(stored.LastObservedAt);
        var now = AuditTime.ParseStored(observed.ObservedAt);
        return last is null || now is null || now.Value - last.Value >= activeRefresh;
    }

    private static bool SameList(IReadOnlyList<string>? left, IReadOnlyList<string>? right) =>
        (left is null || left.Count == 0)
            ? right is null || right.Count == 0
            : right is not null && left.SequenceEqual(right, StringComparer.Ordinal);
}
