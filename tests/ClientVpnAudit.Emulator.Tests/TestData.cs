using Amazon.EC2;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Emulator.Tests;

internal static class TestData
{
    public const string SeedEndpoint = "cvpn-endpoint-123456789123abcde";
    public const string IdleEndpoint = "cvpn-endpoint-0000000000000idle";

    public static string SnapshotPath(string name) => Path.Combine(AppContext.BaseDirectory, "Snapshots", name);

    /// <summary>The AWS CLI example output of describe-client-vpn-connections.</summary>
    public static Snapshot SeedExample() => SnapshotLoader.Load(SnapshotPath("seed-example.json"));

    public static Snapshot WithEndpoints() => SnapshotLoader.Load(SnapshotPath("with-endpoints.json"));

    /// <summary><paramref name="count"/> connections of one endpoint with distinct ids, in order.</summary>
    public static IEnumerable<SnapshotConnection> Connections(string endpointId, int count, string prefix = "c") =>
        Enumerable.Range(0, count).Select(i => new SnapshotConnection(
            endpointId,
            Timestamp: "2024-05-01 10:00:00",
            ConnectionId: $"cvpn-connection-{prefix}{i:D6}",
            Username: $"user{i % 7}",
            ConnectionEstablishedTime: "2024-05-01 09:00:00",
            IngressBytes: (i * 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
            EgressBytes: "1",
            IngressPackets: "2",
            EgressPackets: "3",
            ClientIp: "10.0.0.1",
            CommonName: "client",
            StatusCode: "active",
            ConnectionEndTime: "-"));

    public static IAmazonEC2 Client(Ec2Emulator emulator) => AwsClients.Ec2(emulator.Url);
}
