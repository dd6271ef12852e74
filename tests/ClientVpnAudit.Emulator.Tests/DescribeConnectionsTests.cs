using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Emulator.Tests;

[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class DescribeConnectionsTests
{
    [Fact]
    public async Task DescribeConnections_SeedExample_RoundTripsEveryField()
    {
        var snapshot = TestData.SeedExample();
        await using var emulator = await Ec2Emulator.StartAsync(snapshot);
        using var ec2 = TestData.Client(emulator);

        var response = await ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = TestData.SeedEndpoint });

        Assert.Null(response.NextToken);
        Assert.Equal(2, response.Connections.Count);
        for (var i = 0; i < 2; i++)
        {
            var expected = snapshot.Connections[i];
            var actual = response.Connections[i];
            Assert.Equal(expected.ClientVpnEndpointId, actual.ClientVpnEndpointId);
            Assert.Equal(expected.Timestamp, actual.Timestamp);
            Assert.Equal(expected.ConnectionId, actual.ConnectionId);
            Assert.Equal(expected.ConnectionEstablishedTime, actual.ConnectionEstablishedTime);
            Assert.Equal(expected.IngressBytes, actual.IngressBytes);
            Assert.Equal(expected.EgressBytes, actual.EgressBytes);
            Assert.Equal(expected.IngressPackets, actual.IngressPackets);
            Assert.Equal(expected.EgressPackets, actual.EgressPackets);
            Assert.Equal("", actual.ClientIp);
            Assert.Equal(expected.CommonName, actual.CommonName);
            Assert.Equal(expected.StatusCode, actual.Status.Code.Value);
            Assert.Null(actual.Status.Message);
            Assert.Equal(expected.ConnectionEndTime, actual.ConnectionEndTime);
            Assert.Null(actual.Username);
            Assert.Null(actual.PostureComplianceStatuses);
        }
        Assert.Equal("-", response.Connections[1].ConnectionEndTime);
        Assert.False(string.IsNullOrEmpty(response.ResponseMetadata.RequestId));
    }

    [Fact]
    public async Task DescribeConnections_MalformedValues_ReachTheClientUntouched()
    {
        var snapshot = SnapshotLoader.FromConnections([
            new SnapshotConnection("cvpn-endpoint-a", ConnectionId: "c1", IngressBytes: "abc", EgressBytes: "-1",
                ClientIp: "   ", ClientIpv6Address: "2001:db8::1", StatusCode: "weird", StatusMessage: "m", PostureComplianceStatuses: ["compliant", "x"]),
        ]);
        await using var emulator = await Ec2Emulator.StartAsync(snapshot);
        using var ec2 = TestData.Client(emulator);

        var c = (await ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-a" })).Connections.Single();

        Assert.Equal("abc", c.IngressBytes);
        Assert.Equal("-1", c.EgressBytes);
        Assert.Equal("", c.ClientIp);
        Assert.Equal("2001:db8::1", c.ClientIpv6Address);
        Assert.Null(c.Timestamp);
        Assert.Null(c.ConnectionEndTime);
        Assert.Equal("weird", c.Status.Code.Value);
        Assert.Equal("m", c.Status.Message);
        Assert.Equal(["compliant", "x"], c.PostureComplianceStatuses);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(5)]
    public async Task DescribeConnections_Paginator_Returns2345ConnectionsOnceInOrder(int maxResults)
    {
        var connections = TestData.Connections("cvpn-endpoint-a", 2345).ToList();
        var others = TestData.Connections("cvpn-endpoint-b", 10, prefix: "b");
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.FromConnections(connections.Concat(others)));
        using var ec2 = TestData.Client(emulator);

        var received = new List<string>();
        var pages = 0;
        var request = new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-a", MaxResults = maxResults };
        await foreach (var page in ec2.Paginators.DescribeClientVpnConnections(request).Responses)
        {
            pages++;
            Assert.True(page.Connections.Count <= maxResults);
            received.AddRange(page.Connections.Select(c => c.ConnectionId));
        }

        Assert.Equal(connections.Select(c => c.ConnectionId!), received);
        Assert.Equal((2345 + maxResults - 1) / maxResults, pages);
        Assert.Equal(pages, emulator.RequestCount("DescribeClientVpnConnections"));
        Assert.Null(emulator.Requests[0].NextToken);
        Assert.All(emulator.Requests.Skip(1), r => Assert.NotNull(r.NextToken));
    }

    [Fact]
    public async Task DescribeConnections_WithoutMaxResults_ServesPagesOf1000()
    {
        var snapshot = SnapshotLoader.FromConnections(TestData.Connections("cvpn-endpoint-a", 1001));
        await using var emulator = await Ec2Emulator.StartAsync(snapshot);
        using var ec2 = TestData.Client(emulator);

        var first = await ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-a" });
        var second = await ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-a", NextToken = first.NextToken });

        Assert.Equal(1000, first.Connections.Count);
        Assert.NotNull(first.NextToken);
        Assert.Equal("cvpn-connection-c001000", second.Connections.Single().ConnectionId);
        Assert.Null(second.NextToken);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1001)]
    [InlineData(0)]
    public async Task DescribeConnections_WithMaxResultsOutOfRange_Returns400InvalidParameterValue(int maxResults)
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        using var ec2 = TestData.Client(emulator);

        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = TestData.SeedEndpoint, MaxResults = maxResults }));

        Assert.Equal("InvalidParameterValue", e.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal(
            $"Value ( {maxResults} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.", e.Message);
        Assert.Equal(1, emulator.RequestCount("DescribeClientVpnConnections"));
    }

    [Fact]
    public async Task DescribeConnections_UnknownEndpoint_Returns400InvalidClientVpnEndpointIdNotFound()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        using var ec2 = TestData.Client(emulator);

        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-nope" }));

        Assert.Equal("InvalidClientVpnEndpointId.NotFound", e.ErrorCode);
        Assert.Equal("Endpoint cvpn-endpoint-nope does not exist", e.Message);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
        Assert.Equal(1, emulator.RequestCount("DescribeClientVpnConnections"));
    }

    [Fact]
    public async Task DescribeConnections_WithoutEndpointId_Returns400MissingParameter()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        using var ec2 = TestData.Client(emulator);

        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            ec2.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest()));

        Assert.Equal("MissingParameter", e.ErrorCode);
        Assert.Equal("The request must contain the parameter ClientVpnEndpointId", e.Message);
    }

    [Fact]
    public async Task DescribeConnections_FilterByConnectionIdAndUsername_ReturnsMatchesOnly()
    {
        var snapshot = SnapshotLoader.FromConnections(TestData.Connections("cvpn-endpoint-a", 30));
        await using var emulator = await Ec2Emulator.StartAsync(snapshot);
        using var ec2 = TestData.Client(emulator);

        var byId = await ec2.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest
        {
            ClientVpnEndpointId = "cvpn-endpoint-a",
            Filters = [new Filter("connection-id", ["cvpn-connection-c000003", "cvpn-connection-c000017", "nope"])],
        });
        var byUser = await ec2.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest
        {
            ClientVpnEndpointId = "cvpn-endpoint-a",
            Filters = [new Filter("username", ["user2"]), new Filter("connection-id", ["cvpn-connection-c000009", "cvpn-connection-c000010"])],
        });

        Assert.Equal(["cvpn-connection-c000003", "cvpn-connection-c000017"], byId.Connections.Select(c => c.ConnectionId));
        Assert.Equal(["cvpn-connection-c000009"], byUser.Connections.Select(c => c.ConnectionId));
    }

    [Fact]
    public async Task DescribeConnections_FilterOnEveryPage_PagesTheFilteredList()
    {
        var snapshot = SnapshotLoader.FromConnections(TestData.Connections("cvpn-endpoint-a", 140));
        await using var emulator = await Ec2Emulator.StartAsync(snapshot);
        using var ec2 = TestData.Client(emulator);

        var request = new DescribeClientVpnConnectionsRequest
        {
            ClientVpnEndpointId = "cvpn-endpoint-a",
            MaxResults = 5,
            Filters = [new Filter("username", ["user3"])],
        };
        var received = new List<string>();
        await foreach (var page in ec2.Paginators.DescribeClientVpnConnections(request).Responses)
        {
            received.AddRange(page.Connections.Select(c => c.Username));
        }

        Assert.Equal(20, received.Count);
        Assert.All(received, u => Assert.Equal("user3", u));
        Assert.Equal(4, emulator.RequestCount("DescribeClientVpnConnections"));
    }

    [Fact]
    public async Task DescribeConnections_EmptyFilterList_SdkSendsBareFilterKeyAndItIsIgnored()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        using var ec2 = TestData.Client(emulator);

        var response = await ec2.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest
        {
            ClientVpnEndpointId = TestData.SeedEndpoint,
            Filters = [],
        });

        Assert.Equal(2, response.Connections.Count);
    }

    [Fact]
    public async Task DescribeConnections_UnknownFilterName_Returns400InvalidParameterValue()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        using var ec2 = TestData.Client(emulator);

        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest
            {
                ClientVpnEndpointId = TestData.SeedEndpoint,
                Filters = [new Filter("status", ["active"])],
            }));

        Assert.Equal("InvalidParameterValue", e.ErrorCode);
    }

    [Fact]
    public async Task DescribeConnections_DryRun_Returns412DryRunOperation()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        using var ec2 = TestData.Client(emulator);

        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = TestData.SeedEndpoint, DryRun = true }));

        Assert.Equal("DryRunOperation", e.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.PreconditionFailed, e.StatusCode);
        Assert.Equal(1, emulator.RequestCount("DescribeClientVpnConnections"));
        Assert.Equal(412, emulator.Requests.Single().Status);
    }

    [Fact]
    public async Task DescribeConnections_InvalidNextToken_Returns400InvalidParameterValue()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        using var ec2 = TestData.Client(emulator);

        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = TestData.SeedEndpoint, NextToken = "garbage!" }));

        Assert.Equal("InvalidParameterValue", e.ErrorCode);
    }

    [Fact]
    public async Task DescribeConnections_TokenOfAnotherEndpoint_Returns400InvalidParameterValue()
    {
        var snapshot = SnapshotLoader.FromConnections(
            TestData.Connections("cvpn-endpoint-a", 10).Concat(TestData.Connections("cvpn-endpoint-b", 10, "b")));
        await using var emulator = await Ec2Emulator.StartAsync(snapshot);
        using var ec2 = TestData.Client(emulator);

        var first = await ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-a", MaxResults = 5 });
        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-b", NextToken = first.NextToken }));

        Assert.Equal("InvalidParameterValue", e.ErrorCode);
    }
}
