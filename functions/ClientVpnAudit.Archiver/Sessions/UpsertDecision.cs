namespace ClientVpnAudit.Archiver.Sessions;

/// <summary>What a poll does with one observed session.</summary>
internal enum UpsertAction
{
    /// <summary>Nothing stored yet: write the whole record.</summary>
    Insert,

    /// <summary>
    /// Something worth writing: AWS's report of the end (whatever the Timestamps), or a newer snapshot with a change,
    /// a lost mark to clear, or a due counter refresh.
    /// </summary>
    Update,

    /// <summary>Nothing new: a newer snapshot with nothing worth writing, or the very snapshot already stored.</summary>
    Unchanged,

    /// <summary>Older than what is stored, or news the store already superseded (see <see cref="UpsertDecision"/>).</summary>
    Stale,
}

/// <summary>
/// The upsert rules, as pure logic. The store's write condition (<c>SessionWrites.Upsert</c>) enforces the same rules
/// on the item itself, so a writer that read an outdated item is refused.
/// </summary>
internal static class UpsertDecision
{
    public static UpsertAction Decide(ObservedSession observed, StoredSession? stored, TimeSpan activeRefresh)
    {
        if (stored is null)
        {
            return UpsertAction.Insert;
        }

        // AWS freezes a terminated connection's Timestamp at its end, so its report can carry a Timestamp at or before
        // the last active answer stored. It must land all the same.
        if (observed.HasEnded && !stored.IsObservedEnd)
        {
            return UpsertAction.Update;
        }

        var order = string.CompareOrdinal(observed.ObservedAt, stored.LastObservedAt);
        var somethingNew = stored.MissingSince is not null || SomethingThatMattersChanged(observed, stored);
        if (stored.IsObservedEnd && observed.HasEnded && !somethingNew && order <= 0)
        {
            // The same end re-listed: its Timestamp stays frozen, possibly before an active answer stored earlier.
            return UpsertAction.Unchanged;
        }

        if (order < 0 || WasFoundMissingSince(observed, stored) || (stored.IsObservedEnd && !observed.HasEnded))
        {
            return UpsertAction.Stale;
        }

        if (order == 0)
        {
            // The same second twice: the same answer again, or two different answers we cannot order (the first stays).
            return somethingNew ? UpsertAction.Stale : UpsertAction.Unchanged;
        }

        return somethingNew || RefreshIsDue(observed, stored, activeRefresh) ? UpsertAction.Update : UpsertAction.Unchanged;
    }

    /// <summary>
    /// A listing at or after this snapshot no longer showed the session: seeing it still active before then is old news
    /// (a replay, or a run that raced a later one). Seeing its end is not: the real end replaces the inferred one.
    /// </summary>
    public static bool WasFoundMissingSince(ObservedSession observed, StoredSession stored) =>
        stored.MissingSince is not null && !observed.HasEnded && string.CompareOrdinal(observed.ObservedAt, stored.MissingSince) <= 0;

    /// <summary>
    /// Of two snapshots of one session in one listing (listed twice), the one that says more: an end wins, since its
    /// Timestamp is frozen at the end and can be older than an active answer; otherwise the newer one.
    /// </summary>
    public static ObservedSession Latest(ObservedSession first, ObservedSession second)
    {
        if (first.HasEnded != second.HasEnded)
        {
            return first.HasEnded ? first : second;
        }

        return string.CompareOrdinal(second.ObservedAt, first.ObservedAt) > 0 ? second : first;
    }

    /// <summary>What LastObservedAt becomes: the later of the stored value and the snapshot's Timestamp.</summary>
    public static string LastObservedAfter(ObservedSession observed, StoredSession? stored) =>
        stored is not null && string.CompareOrdinal(stored.LastObservedAt, observed.ObservedAt) > 0
            ? stored.LastObservedAt
            : observed.ObservedAt;

    private static bool SomethingThatMattersChanged(ObservedSession observed, StoredSession stored) =>
        observed.Status != stored.Status
        || observed.StatusMessage != stored.StatusMessage
        || observed.ConnectionEndTime != stored.ConnectionEndTime
        || observed.Username != stored.Username
        || observed.CommonName != stored.CommonName
        || observed.ClientIp != stored.ClientIp
        || observed.ClientIpv6Address != stored.ClientIpv6Address
        || observed.Target.AccountId != stored.AccountId
        || observed.Target.Region != stored.Region
        || !SameList(observed.PostureComplianceStatuses, stored.PostureComplianceStatuses);

    /// <summary>
    /// An active session's counters are rewritten by the first poll at least ActiveRefresh after the last write;
    /// with polls a few seconds apart from a whole interval, that can be one poll later than the minutes suggest.
    /// A terminated session's counters are final.
    /// </summary>
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
