using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.LocalStore;
using ClientVpnConnection = Amazon.EC2.Model.ClientVpnConnection;
using ClientVpnConnectionStatus = Amazon.EC2.Model.ClientVpnConnectionStatus;

namespace ClientVpnAudit.Cli.Replay;

/// <summary>
/// What a replayed snapshot says about its poll. Its clock is the snapshot's CapturedAt, else the latest Timestamp of
/// a connection the archiver would not skip as malformed (read by the archiver's own mapper), else none: that poll
/// marks nothing lost. The replaying machine's clock is never used. Only a non-empty ClientVpnEndpoints array is a
/// complete endpoint listing, which closes the sessions of endpoints it no longer names.
/// </summary>
internal static class ReplayedPollContext
{
    public const string NoClockReason = "the snapshot has no CapturedAt and no connection with a usable Timestamp";

    public static PollContext For(Snapshot snapshot)
    {
        var endpointListingIsComplete = snapshot.EndpointsGiven && snapshot.Endpoints.Count > 0;
        return PollTime(snapshot) is { } pollTime
            ? new PollContext { Clock = new FixedClock(pollTime), EndpointListingIsComplete = endpointListingIsComplete }
            : PollContext.Unclocked(NoClockReason, endpointListingIsComplete);
    }

    private static DateTimeOffset? PollTime(Snapshot snapshot) => snapshot.CapturedAt ?? LatestUsableTimestamp(snapshot);

    private static DateTimeOffset? LatestUsableTimestamp(Snapshot snapshot)
    {
        var latest = snapshot.Connections
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
