using System.Globalization;
using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Bench.Scenarios;

/// <summary>One VPN session of the scenario: who, from where, since when, how fast it moves bytes, and when it ends.</summary>
internal sealed class SyntheticSession
{
    /// <summary>Creation order within the endpoint: the listing's order.</summary>
    public required long Sequence { get; init; }
    public required string ConnectionId { get; init; }
    public required string EndpointId { get; init; }
    public string? Username { get; init; }
    public required string CommonName { get; init; }
    public required string ClientIp { get; init; }
    public IReadOnlyList<string>? PostureComplianceStatuses { get; init; }
    public required DateTime Established { get; init; }
    public required int IngressBytesPerSecond { get; init; }
    public required int EgressBytesPerSecond { get; init; }
    public DateTime? Ended { get; set; }

    /// <summary>
    /// The connection as DescribeClientVpnConnections shows it to a poll at <paramref name="pollTime"/> (AWS's raw
    /// strings). As AWS does, a terminated connection's Timestamp is frozen at its ConnectionEndTime (so it can lie
    /// before the Timestamp of its last active answer); an active one is stamped <paramref name="skewSeconds"/> after
    /// the poll time, when AWS answered.
    /// </summary>
    public SnapshotConnection At(DateTime pollTime, int skewSeconds)
    {
        var ended = Ended is { } end && end <= pollTime;
        var timestamp = ended ? Ended!.Value : pollTime.AddSeconds(skewSeconds);
        var seconds = (long)(timestamp - Established).TotalSeconds;
        var ingress = seconds * IngressBytesPerSecond;
        var egress = seconds * EgressBytesPerSecond;
        return new SnapshotConnection(
            ClientVpnEndpointId: EndpointId,
            Timestamp: Aws(timestamp),
            ConnectionId: ConnectionId,
            Username: Username,
            ConnectionEstablishedTime: Aws(Established),
            IngressBytes: Text(ingress),
            EgressBytes: Text(egress),
            IngressPackets: Text(ingress / 700),
            EgressPackets: Text(egress / 900),
            ClientIp: ClientIp,
            CommonName: CommonName,
            StatusCode: ended ? "terminated" : "active",
            ConnectionEndTime: ended ? Aws(Ended!.Value) : "-",
            PostureComplianceStatuses: PostureComplianceStatuses);
    }

    public static string Aws(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
