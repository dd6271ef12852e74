using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Emulator.Tests;

[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class ServeTests
{
    [Fact]
    public async Task StartAsync_ListensOnLoopbackWithARandomPort()
    {
        await using var a = await Ec2Emulator.StartAsync(TestData.SeedExample());
        await using var b = await Ec2Emulator.StartAsync(TestData.SeedExample());

        Assert.Equal("127.0.0.1", a.Url.Host);
        Assert.Equal("/", a.Url.AbsolutePath);
        Assert.NotEqual(0, a.Url.Port);
        Assert.NotEqual(a.Url.Port, b.Url.Port);
    }

    [Fact]
    public async Task DisposeAsync_WithARequestHeldByADelay_ReturnsPromptly()
    {
        var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        emulator.Faults.Delay = TimeSpan.FromMinutes(5);
        using var http = new HttpClient();
        var pending = http.PostAsync(emulator.Url, new FormUrlEncodedContent(
            new Dictionary<string, string> { ["Action"] = "DescribeClientVpnEndpoints" }));
        while (emulator.RequestCount("DescribeClientVpnEndpoints") == 0)
        {
            await Task.Delay(10);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await emulator.DisposeAsync();

        // The held request would keep it for five minutes; this bound only tells "let go" from "waited it out".
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        await Assert.ThrowsAnyAsync<Exception>(() => pending);
    }

    [Fact]
    public async Task Serve_SwapsTheSnapshotForTheNextRequest()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        using var ec2 = TestData.Client(emulator);

        var before = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());
        var next = SnapshotLoader.FromConnections(TestData.Connections("cvpn-endpoint-next", 3));
        emulator.Serve(next);
        var after = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());
        var connections = await ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-next" });

        Assert.Equal([TestData.SeedEndpoint], before.ClientVpnEndpoints.Select(e => e.ClientVpnEndpointId));
        Assert.Equal(["cvpn-endpoint-next"], after.ClientVpnEndpoints.Select(e => e.ClientVpnEndpointId));
        Assert.Equal(3, connections.Connections.Count);
        Assert.Same(next, emulator.Snapshot);
    }

    [Fact]
    public async Task Serve_NextTokenFromThePreviousSnapshot_Returns400InvalidParameterValue()
    {
        var snapshot = SnapshotLoader.FromConnections(TestData.Connections("cvpn-endpoint-a", 10));
        await using var emulator = await Ec2Emulator.StartAsync(snapshot);
        using var ec2 = TestData.Client(emulator);

        var first = await ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-a", MaxResults = 5 });
        emulator.Serve(snapshot);
        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-a", NextToken = first.NextToken }));

        Assert.Equal("InvalidParameterValue", e.ErrorCode);
    }

    [Fact]
    public async Task ConcurrentPaginators_OnManyEndpoints_EachGetTheirOwnConnections()
    {
        var endpoints = Enumerable.Range(0, 8).Select(i => $"cvpn-endpoint-{i}").ToList();
        var snapshot = SnapshotLoader.FromConnections(endpoints.SelectMany((id, i) => TestData.Connections(id, 50 + i, $"{i}-")));
        await using var emulator = await Ec2Emulator.StartAsync(snapshot);
        using var ec2 = TestData.Client(emulator);

        var counts = await Task.WhenAll(endpoints.Select(async id =>
        {
            var ids = new List<string>();
            var request = new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = id, MaxResults = 7 };
            await foreach (var c in ec2.Paginators.DescribeClientVpnConnections(request).Connections)
            {
                Assert.Equal(id, c.ClientVpnEndpointId);
                ids.Add(c.ConnectionId);
            }
            return ids.Distinct().Count();
        }));

        Assert.Equal(Enumerable.Range(0, 8).Select(i => 50 + i), counts);
    }

    // Raw HTTP and byte counting: the point is the emulator's speed, not the client's parsing.
    [Fact]
    public async Task LargeSnapshot_100000Connections_AreServedInPagesOf1000()
    {
        var snapshot = SnapshotLoader.FromConnections(TestData.Connections("cvpn-endpoint-big", 100_000));
        await using var emulator = await Ec2Emulator.StartAsync(snapshot);
        using var http = new HttpClient();
        var item = "<item><clientVpnEndpointId>"u8.ToArray();

        var count = 0;
        var lastPage = "";
        string? token = null;
        do
        {
            var form = new Dictionary<string, string>
            {
                ["Action"] = "DescribeClientVpnConnections",
                ["ClientVpnEndpointId"] = "cvpn-endpoint-big",
                ["MaxResults"] = "1000",
            };
            if (token is not null)
            {
                form["NextToken"] = token;
            }
            using var response = await http.PostAsync(emulator.Url, new FormUrlEncodedContent(form));
            var body = await response.Content.ReadAsByteArrayAsync();
            count += body.AsSpan().Count(item);
            var tail = System.Text.Encoding.UTF8.GetString(body.AsSpan(Math.Max(0, body.Length - 1000)));
            var match = System.Text.RegularExpressions.Regex.Match(tail, "<nextToken>([^<]*)</nextToken>");
            token = match.Success ? match.Groups[1].Value : null;
            lastPage = tail;
        }
        while (token is not null);

        Assert.Equal(100_000, count);
        Assert.Contains("<connectionId>cvpn-connection-c099999</connectionId>", lastPage);
        Assert.Equal(100, emulator.RequestCount("DescribeClientVpnConnections"));
    }
}
