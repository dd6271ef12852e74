using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.LocalStore;
using ClientVpnConnection = Amazon.EC2.Model.ClientVpnConnection;
using ClientVpnConnectionStatus = Amazon.EC2.Model.ClientVpnConnectionStatus;

namespace ClientVpnAudit.Cli.Replay;

/// <summary>
/// What a replayed snapshot says about its poll. Its clock is the poll's CapturedAt (the clock of every target of a
/// poll of several), else the latest Timestamp of a connection of the poll that the archiver would not skip as
/// malformed (read by the archiver's own mapper), else none: that poll marks nothing lost. The replaying machine's
/// clock is never used. Only a non-empty ClientVpnEndpoints array is a complete endpoint listing, which closes the
/// sessions of endpoints it no longer names.
/// </summary>
internal static class ReplayedPollContext
{
    public const string NoClockReason = "the snapshot has no CapturedAt and no connection with a usable Timestamp";

    public static PollContext For(Snapshot snapshot) => For(SnapshotPoll.Of(snapshot), snapshot);

    /// <param name="poll">The poll, whose CapturedAt (or latest usable Timestamp of any target) is the clock.</param>
    /// <param name="target">
    /// The target of the poll this run archives. Its endpoint listing, when complete, closes the sessions of its own
    /// gone endpoints only: the archiver keeps to the run's account and region.
    /// </param>
    public static PollContext For(SnapshotPoll poll, Snapshot target)
    {
        var endpointListingIsComplete = target.EndpointsGiven && target.Endpoints.Count > 0;
        return PollTime(poll) is { } pollTime
            ? new PollContext { Clock = new FixedClock(pollTime), EndpointListingIsComplete = endpointListingIsComplete }
            : PollContext.Unclocked(NoClockReason, endpointListingIsComplete);
    }

    private static DateTimeOffset? PollTime(SnapshotPoll poll) => poll.CapturedAt ?? LatestUsableTimestamp(poll);

    private static DateTimeOffset? LatestUsableTimestamp(SnapshotPoll poll)
    {
        var latest = poll.Targets.SelectMany(target => target.Connections)
            .Select(connection => ConnectionMapper.Map(AsReturnedByEc2(connection), connection.ClientVpnEndpointId, Target.Local).Session?.ObservedAt)
            .OfType<string>()
            .Max(StringComparer.Ordinal);
        return latest is null ? null : AuditTime.ParseStored(latest);
    }

    private static ClientVpnConnection AsReturnedByEc2(SnapshotConnection connection) => new()
    {
        ClientVpnEndpointId = connection.ClientVpnEndpointId,
        Timestamp = connection.Timestamp,
        ConnectionId = connection.ConnectionId,
        Username = connection.Username,
        ConnectionEstablishedTime = connection.ConnectionEstablishedTime,
        IngressBytes = connection.IngressBytes,
        EgressBytes = connection.EgressBytes,
        IngressPackets = connection.IngressPackets,
        EgressPackets = connection.EgressPackets,
        ClientIp = connection.ClientIp,
        ClientIpv6Address = connection.ClientIpv6Address,
        CommonName = connection.CommonName,
        Status = connection.StatusCode is null && connection.StatusMessage is null
            ? null
            : new ClientVpnConnectionStatus { Code = connection.StatusCode, Message = connection.StatusMessage },
        ConnectionEndTime = connection.ConnectionEndTime,
        PostureComplianceStatuses = connection.PostureComplianceStatuses?.ToList(),
    };
}
