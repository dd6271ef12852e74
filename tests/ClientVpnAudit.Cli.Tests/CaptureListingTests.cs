using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Cli.Tests.Support.Demo;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>What a capture asks EC2 for: every page of every listing, 1,000 at a time, only the chosen endpoints.</summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class CaptureListingTests : IDisposable
{
    private const string ConnectionsAction = "DescribeClientVpnConnections";
    private const string EndpointsAction = "DescribeClientVpnEndpoints";

    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task Capture_ReadsEveryPageOfMoreThanAThousandConnections_AThousandAtATime()
    {
        var connections = Connections("cvpn-endpoint-0000000000000busy", 2_345).Concat(Connections("cvpn-endpoint-0000000000000calm", 3));
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.FromConnections(connections));

        var capture = await CaptureRun.RunAsync(emulator.Url, _folder.Path);

        Assert.Equal(2_348, capture.Connections.Count);
        Assert.Equal(2_348, capture.Connections.Select(connection => (string?)connection!["ConnectionId"]).Distinct().Count());
        var busyPages = emulator.Requests.Where(request => request.Action == ConnectionsAction && request.EndpointId == "cvpn-endpoint-0000000000000busy").ToList();
        Assert.Equal(3, busyPages.Count);
        // Every request but the --ec2-url probe's (one small page of endpoints) asks for 1,000 items.
        Assert.All(emulator.Requests.Skip(1), request => Assert.Equal(1000, request.MaxResults));
        Assert.Null(busyPages[0].NextToken);
        Assert.All(busyPages.Skip(1), request => Assert.False(string.IsNullOrEmpty(request.NextToken)));
    }

    [Fact]
    public async Task Capture_ReadsEveryPageOfMoreThanAThousandEndpoints()
    {
        var endpoints = Enumerable.Range(0, 1_003).Select(i => new SnapshotEndpoint($"cvpn-endpoint-{i:D17}")).ToList();
        await using var emulator = await Ec2Emulator.StartAsync(
            SnapshotLoader.FromConnections(Connections(endpoints[^1].ClientVpnEndpointId, 2), endpoints));

        var capture = await CaptureRun.RunAsync(emulator.Url, _folder.Path);

        Assert.Equal(endpoints.Select(endpoint => endpoint.ClientVpnEndpointId), capture.Endpoints.Select(endpoint => (string?)endpoint!["ClientVpnEndpointId"]));
        Assert.Equal(2, capture.Connections.Count);
        // The --ec2-url probe asks for one small page first; the capture itself reads two pages of endpoints.
        Assert.Equal([null, null, "set"], emulator.Requests.Where(request => request.Action == EndpointsAction)
            .Select(request => request.NextToken is null ? null : "set"));
        Assert.Equal(1_003, emulator.RequestCount(ConnectionsAction));
    }

    [Fact]
    public async Task Capture_WithEndpointIds_AsksForAndWritesOnlyThoseEndpointsAndTheirConnections()
    {
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(Path.Combine(Snapshots, "2026-03-02T0945Z.json")));

        var capture = await CaptureRun.RunAsync(emulator.Url, _folder.Path, "--endpoint-ids", $"{ContractorEndpoint}, {CorporateEndpoint}");

        Assert.Equal([CorporateEndpoint, ContractorEndpoint], capture.Endpoints.Select(endpoint => (string?)endpoint!["ClientVpnEndpointId"]));
        Assert.NotEmpty(capture.Connections);
        Assert.All(capture.Connections, connection =>
            Assert.Contains((string?)connection!["ClientVpnEndpointId"], new[] { CorporateEndpoint, ContractorEndpoint }));
        Assert.Equal([CorporateEndpoint, ContractorEndpoint], emulator.Requests.Where(request => request.Action == ConnectionsAction)
            .Select(request => request.EndpointId));
        Assert.Contains("Captured 2 endpoints and ", capture.Result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capture_KeepsADeletedEndpoint_EvenWhenItsConnectionsAreNoLongerListed()
    {
        const string deleted = "cvpn-endpoint-00000000000000gone";
        var endpoints = new[] { new SnapshotEndpoint(CorporateEndpoint), new SnapshotEndpoint(deleted, "deleted") };
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.FromConnections(Connections(CorporateEndpoint, 2), endpoints));
        emulator.Faults.NotFound(deleted);

        var capture = await CaptureRun.RunAsync(emulator.Url, _folder.Path);

        Assert.Equal([CorporateEndpoint, deleted], capture.Endpoints.Select(endpoint => (string?)endpoint!["ClientVpnEndpointId"]));
        Assert.Equal("deleted", (string?)capture.Endpoints[1]!["Status"]!["Code"]);
        Assert.Equal(2, capture.Connections.Count);
    }

    [Fact]
    public async Task Capture_IntoAMissingFolder_CreatesIt()
    {
        var folder = Path.Combine(_folder.Path, "my-polls", "march");
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.FromConnections(Connections(CorporateEndpoint, 1)));

        var capture = await CaptureRun.RunAsync(emulator.Url, folder);

        Assert.Equal(folder, Path.GetDirectoryName(capture.File));
        Assert.Equal([capture.File], Directory.GetFiles(folder));
    }

    public void Dispose() => _folder.Dispose();

    private static IEnumerable<SnapshotConnection> Connections(string endpointId, int count) =>
        Enumerable.Range(0, count).Select(i => new SnapshotConnection(
            endpointId,
            Timestamp: "2026-03-02 09:00:02",
            ConnectionId: $"cvpn-connection-{endpointId[^4..]}{i:D13}",
            Username: $"user{i % 7}",
            ConnectionEstablishedTime: "2026-03-02 08:00:00",
            IngressBytes: "10",
            EgressBytes: "20",
            IngressPackets: "1",
            EgressPackets: "2",
            ClientIp: "10.0.0.1",
            StatusCode: "active",
            ConnectionEndTime: "-"));
}
