namespace ClientVpnAudit.Emulator;

/// <summary>
/// One poll: what DescribeClientVpnEndpoints and DescribeClientVpnConnections answered for every target (account and
/// region) polled at <see cref="CapturedAt"/>. A single-target file is a poll of one <see cref="Snapshot"/>; a file
/// with a <c>Targets</c> array is a poll of several, each naming its AccountId and Region. Build one with
/// <see cref="SnapshotLoader"/>.
/// </summary>
public sealed class SnapshotPoll
{
    internal SnapshotPoll(IReadOnlyList<Snapshot> targets, string sourceName, DateTimeOffset? capturedAt)
    {
        Targets = targets;
        SourceName = sourceName;
        CapturedAt = capturedAt;
    }

    /// <summary>Every target of the poll, in file order; at least one. Each carries the poll's <see cref="CapturedAt"/>.</summary>
    public IReadOnlyList<Snapshot> Targets { get; }

    /// <summary>The file (or name) the poll came from, used in error messages.</summary>
    public string SourceName { get; }

    /// <summary>When the poll was taken, the clock of every target; null when the file does not say.</summary>
    public DateTimeOffset? CapturedAt { get; }

    /// <summary>
    /// True for a poll of one target, which is written in the single-target form and which the emulator serves to
    /// every account and region.
    /// </summary>
    public bool IsSingleTarget => Targets.Count == 1;

    /// <summary>The poll of this one snapshot.</summary>
    public static SnapshotPoll Of(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new SnapshotPoll([snapshot], snapshot.SourceName, snapshot.CapturedAt);
    }

    /// <summary>The target with this account and region (ordinal, as written), or null.</summary>
    public Snapshot? Find(string accountId, string region) =>
        Targets.FirstOrDefault(target => target.AccountId == accountId && target.Region == region);
}
