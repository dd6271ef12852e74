namespace ClientVpnAudit.Emulator;

/// <summary>
/// A poll indexed for serving, and which of its targets answers a request. Each <see cref="Ec2Emulator.Serve(SnapshotPoll)"/>
/// makes a new one with the next generation.
/// </summary>
internal sealed class ServedPoll
{
    private readonly Dictionary<(string AccountId, string Region), ServedSnapshot> _targets = [];
    private readonly HashSet<string> _accounts = new(StringComparer.Ordinal);

    public ServedPoll(SnapshotPoll poll, long generation)
    {
        Poll = poll;
        Generation = generation;
        Targets = poll.Targets
            .Select(target => new ServedSnapshot(target, generation, poll.IsSingleTarget ? "" : target.TargetName + "/"))
            .ToList();
        if (poll.IsSingleTarget)
        {
            return;
        }
        foreach (var served in Targets)
        {
            var accountId = served.Snapshot.AccountId!.Trim();
            _targets[(accountId, served.Snapshot.Region!.Trim())] = served;
            _accounts.Add(accountId);
        }
    }

    public SnapshotPoll Poll { get; }

    public long Generation { get; }

    public IReadOnlyList<ServedSnapshot> Targets { get; }

    /// <summary>
    /// The target that answers a request: the only one of a single-target poll, whoever asks; else the one of the
    /// access key id's account and the credential scope's region. An account the poll does not hold (or a request without
    /// a credential) is refused as AWS refuses an access key it does not know; a region the poll does not hold for a
    /// known account has no endpoint, as a region where the account has created none.
    /// </summary>
    /// <exception cref="Ec2ErrorException">AuthFailure.</exception>
    public ServedSnapshot Route(RequestCredential? credential)
    {
        if (Poll.IsSingleTarget)
        {
            return Targets[0];
        }
        if (credential is null || !_accounts.Contains(credential.AccessKeyId))
        {
            throw new Ec2ErrorException(Ec2Error.AuthFailure());
        }
        if (_targets.TryGetValue((credential.AccessKeyId, credential.Region), out var served))
        {
            return served;
        }
        var empty = SnapshotLoader.FromConnections([], [], Poll.SourceName, Poll.CapturedAt, credential.AccessKeyId, credential.Region);
        return new ServedSnapshot(empty, Generation, empty.TargetName + "/");
    }
}
