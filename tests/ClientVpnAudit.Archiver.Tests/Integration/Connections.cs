using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Archiver.Tests.Integration;

/// <summary>Builds connections as AWS prints them ("yyyy-MM-dd HH:mm:ss" times, counters as strings).</summary>
internal static class Connections
{
    public static readonly DateTime T0 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    public static string Aws(DateTime time) => time.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public static string Stored(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static SnapshotConnection Active(string connectionId, string endpointId, DateTime observedAt, DateTime? establishedAt = null,
        long bytes = 100, string? username = null, string? commonName = "client1.domain.tld") => new(
        ClientVpnEndpointId: endpointId,
        Timestamp: Aws(observedAt),
        ConnectionId: connectionId,
        Username: username,
        ConnectionEstablishedTime: Aws(establishedAt ?? T0),
        IngressBytes: bytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        EgressBytes: (bytes * 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
        IngressPackets: "10",
        EgressPackets: "20",
        ClientIp: "172.31.0.10",
        CommonName: commonName,
        StatusCode: "active",
        ConnectionEndTime: "-");

    public static SnapshotConnection Terminated(SnapshotConnection active, DateTime endedAt, DateTime observedAt) => active with
    {
        Timestamp = Aws(observedAt),
        StatusCode = "terminated",
        ConnectionEndTime = Aws(endedAt),
    };

    public static Snapshot Snapshot(params SnapshotConnection[] connections) => SnapshotLoader.FromConnections(connections);

    public static IEnumerable<SnapshotConnection> Many(string endpointId, int count, DateTime observedAt) =>
        Enumerable.Range(0, count).Select(index => Active($"cvpn-connection-{endpointId[^4..]}{index:D8}", endpointId, observedAt));
}
