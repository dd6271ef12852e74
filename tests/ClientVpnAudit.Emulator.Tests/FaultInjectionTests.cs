using System.Diagnostics;
using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Emulator.Tests;

// Every test starts its own emulator: the SDK's retry quota is shared per ServiceURL.
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class FaultInjectionTests
{
    private static DescribeClientVpnConnectionsRequest Seed(int? maxResults = null) =>
        new() { ClientVpnEndpointId = TestData.SeedEndpoint, MaxResults = maxResults };

    [Fact]
    public async Task Throttle_TwoRequests_SdkRetriesAndSucceeds()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        emulator.Faults.Throttle(2);
        using var ec2 = TestData.Client(emulator);

        var response = await ec2.DescribeClientVpnConnectionsAsync(Seed());

        Assert.Equal(2, response.Connections.Count);
        Assert.Equal(3, emulator.RequestCount("DescribeClientVpnConnections"));
        Assert.Equal([503, 503, 200], emulator.Requests.Select(r => r.Status));
        Assert.Equal("RequestLimitExceeded", emulator.Requests[0].ErrorCode);
    }

    [Fact]
    public async Task Throttle_MoreThanTheSdkRetries_SurfacesRequestLimitExceeded503()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        emulator.Faults.Throttle(5);
        using var ec2 = TestData.Client(emulator);

        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnConnectionsAsync(Seed()));

        Assert.Equal("RequestLimitExceeded", e.ErrorCode);
        Assert.Equal("Request limit exceeded.", e.Message);
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Equal(3, emulator.RequestCount("DescribeClientVpnConnections"));
    }

    [Fact]
    public async Task Throttle_ForOneActionAndEndpoint_LeavesOtherRequestsAlone()
    {
        var snapshot = SnapshotLoader.FromConnections(
            TestData.Connections("cvpn-endpoint-a", 1).Concat(TestData.Connections("cvpn-endpoint-b", 1, "b")));
        await using var emulator = await Ec2Emulator.StartAsync(snapshot);
        emulator.Faults.Throttle(1, "DescribeClientVpnConnections", "cvpn-endpoint-b");
        using var ec2 = TestData.Client(emulator);

        await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());
        await ec2.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-a" });
        await ec2.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-b" });

        Assert.Equal(
            [("DescribeClientVpnEndpoints", 200), ("DescribeClientVpnConnections", 200), ("DescribeClientVpnConnections", 503),
             ("DescribeClientVpnConnections", 200)],
            emulator.Requests.Select(r => (r.Action, r.Status)));
        Assert.Equal("cvpn-endpoint-b", emulator.Requests[2].EndpointId);
    }

    [Fact]
    public async Task FailWith500_Once_SdkRetriesAndSucceeds()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        emulator.Faults.FailWith500(1);
        using var ec2 = TestData.Client(emulator);

        var response = await ec2.DescribeClientVpnConnectionsAsync(Seed());

        Assert.Equal(2, response.Connections.Count);
        Assert.Equal([500, 200], emulator.Requests.Select(r => r.Status));
        Assert.Equal("InternalError", emulator.Requests[0].ErrorCode);
    }

    [Fact]
    public async Task NotFound_ForListedEndpoint_AnswersInvalidClientVpnEndpointIdNotFoundWithoutRetry()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        emulator.Faults.NotFound(TestData.SeedEndpoint);
        using var ec2 = TestData.Client(emulator);

        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnConnectionsAsync(Seed()));
        var endpoints = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());

        Assert.Equal("InvalidClientVpnEndpointId.NotFound", e.ErrorCode);
        Assert.Equal(1, emulator.RequestCount("DescribeClientVpnConnections"));
        Assert.Single(endpoints.ClientVpnEndpoints);
    }

    [Fact]
    public async Task Unauthorized_ForEndpoint_Answers403UnauthorizedOperation()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        emulator.Faults.Unauthorized(TestData.SeedEndpoint);
        using var ec2 = TestData.Client(emulator);

        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnConnectionsAsync(Seed()));

        Assert.Equal("UnauthorizedOperation", e.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, e.StatusCode);
        Assert.Equal(1, emulator.RequestCount("DescribeClientVpnConnections"));
    }

    [Fact]
    public async Task Deny_DescribeClientVpnConnections_Answers403UnauthorizedOperation_EvenToADryRun()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        emulator.Faults.Deny("DescribeClientVpnConnections");
        using var ec2 = TestData.Client(emulator);

        var real = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnConnectionsAsync(Seed()));
        var dryRun = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            ec2.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = TestData.SeedEndpoint, DryRun = true }));

        foreach (var exception in new[] { real, dryRun })
        {
            Assert.Equal("UnauthorizedOperation", exception.ErrorCode);
            Assert.Equal("You are not authorized to perform this operation.", exception.Message);
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, exception.StatusCode);
        }

        Assert.Equal(2, emulator.RequestCount("DescribeClientVpnConnections"));
    }

    [Fact]
    public async Task Deny_OneAction_LeavesTheOtherAllowed_SoItsDryRunAnswersDryRunOperation()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        emulator.Faults.Deny("DescribeClientVpnEndpoints");
        using var ec2 = TestData.Client(emulator);

        var endpoints = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { DryRun = true }));
        var connections = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            ec2.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = TestData.SeedEndpoint, DryRun = true }));

        Assert.Equal(("UnauthorizedOperation", System.Net.HttpStatusCode.Forbidden), (endpoints.ErrorCode, endpoints.StatusCode));
        Assert.Equal(("DryRunOperation", System.Net.HttpStatusCode.PreconditionFailed), (connections.ErrorCode, connections.StatusCode));
        Assert.Equal(2, (await ec2.DescribeClientVpnConnectionsAsync(Seed())).Connections.Count);
    }

    [Fact]
    public void Deny_OfAnActionTheEmulatorDoesNotServe_IsRefused()
    {
        var faults = new EmulatorFaults();

        var exception = Assert.Throws<ArgumentException>(() => faults.Deny("DescribeInstances"));

        Assert.Contains("DescribeInstances", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatNextToken_SecondPageRepeatsTheFirstPagesToken()
    {
        var snapshot = SnapshotLoader.FromConnections(TestData.Connections("cvpn-endpoint-a", 12));
        await using var emulator = await Ec2Emulator.StartAsync(snapshot);
        emulator.Faults.RepeatNextToken("cvpn-endpoint-a");
        using var ec2 = TestData.Client(emulator);
        var request = new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-a", MaxResults = 5 };

        var first = await ec2.DescribeClientVpnConnectionsAsync(request);
        request.NextToken = first.NextToken;
        var second = await ec2.DescribeClientVpnConnectionsAsync(request);
        var third = await ec2.DescribeClientVpnConnectionsAsync(request);

        Assert.NotNull(first.NextToken);
        Assert.Equal(first.NextToken, second.NextToken);
        Assert.Equal(first.NextToken, third.NextToken);
        Assert.Equal("cvpn-connection-c000005", second.Connections[0].ConnectionId);
    }

    [Fact]
    public async Task RepeatNextToken_EvenWhenEverythingFitsOnePage_FirstPageCarriesAToken()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        emulator.Faults.RepeatNextToken(TestData.SeedEndpoint);
        using var ec2 = TestData.Client(emulator);

        var first = await ec2.DescribeClientVpnConnectionsAsync(Seed());
        var request = Seed();
        request.NextToken = first.NextToken;
        var second = await ec2.DescribeClientVpnConnectionsAsync(request);

        Assert.Equal(2, first.Connections.Count);
        Assert.NotNull(first.NextToken);
        Assert.Null(second.Connections);
        Assert.Equal(first.NextToken, second.NextToken);
    }

    [Theory]
    [InlineData(EmptyPageForm.SelfClosing)]
    [InlineData(EmptyPageForm.Omitted)]
    public async Task EmptyPagesFirst_EmptyPageWithTokenThenRealPages_ConnectionsIsNullOnTheEmptyPage(EmptyPageForm form)
    {
        var snapshot = SnapshotLoader.FromConnections(TestData.Connections("cvpn-endpoint-a", 7));
        await using var emulator = await Ec2Emulator.StartAsync(snapshot);
        emulator.Faults.EmptyPagesFirst("cvpn-endpoint-a", form, pages: 2);
        using var ec2 = TestData.Client(emulator);

        var pages = new List<DescribeClientVpnConnectionsResponse>();
        var request = new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-a", MaxResults = 5 };
        await foreach (var page in ec2.Paginators.DescribeClientVpnConnections(request).Responses)
        {
            pages.Add(page);
        }

        Assert.Equal(4, pages.Count);
        Assert.Null(pages[0].Connections);
        Assert.NotNull(pages[0].NextToken);
        Assert.Null(pages[1].Connections);
        Assert.Equal(5, pages[2].Connections.Count);
        Assert.Equal(2, pages[3].Connections.Count);
        Assert.Null(pages[3].NextToken);
    }

    [Theory]
    [InlineData(null)] // the emulator's default
    [InlineData(EmptyPageForm.SelfClosing)]
    [InlineData(EmptyPageForm.Omitted)]
    public async Task EmptyListForm_EndpointWithoutConnections_ConnectionsIsNull(EmptyPageForm? form)
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.WithEndpoints());
        if (form is { } chosen)
        {
            emulator.Faults.EmptyListForm = chosen;
        }

        using var ec2 = TestData.Client(emulator);

        var response = await ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = TestData.IdleEndpoint });

        Assert.Null(response.Connections);
        Assert.Null(response.NextToken);
    }

    // Records what the SDK's paginator does with a page that has no items (Connections == null).
    [Fact]
    public async Task Paginator_ConnectionsEnumerable_SkipsEmptyPagesWithoutThrowing()
    {
        var snapshot = SnapshotLoader.FromConnections(TestData.Connections("cvpn-endpoint-a", 7));
        await using var emulator = await Ec2Emulator.StartAsync(snapshot);
        emulator.Faults.EmptyPagesFirst("cvpn-endpoint-a", EmptyPageForm.Omitted);
        using var ec2 = TestData.Client(emulator);

        var ids = new List<string>();
        var request = new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-a", MaxResults = 5 };
        await foreach (var connection in ec2.Paginators.DescribeClientVpnConnections(request).Connections)
        {
            ids.Add(connection.ConnectionId);
        }

        Assert.Equal(7, ids.Count);
    }

    [Fact]
    public async Task Delay_SlowsEveryResponse_AndDelayForAddsPerEndpoint()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        using var ec2 = TestData.Client(emulator);
        await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest()); // warm up the client

        emulator.Faults.Delay = TimeSpan.FromMilliseconds(150);
        emulator.Faults.DelayFor(TestData.SeedEndpoint, TimeSpan.FromMilliseconds(150));
        var endpoints = Stopwatch.StartNew();
        await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());
        endpoints.Stop();
        var connections = Stopwatch.StartNew();
        await ec2.DescribeClientVpnConnectionsAsync(Seed());
        connections.Stop();

        Assert.True(endpoints.ElapsedMilliseconds >= 140, $"{endpoints.ElapsedMilliseconds} ms");
        Assert.True(connections.ElapsedMilliseconds >= 290, $"{connections.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Clear_RemovesEveryFault()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        emulator.Faults.Throttle(10);
        emulator.Faults.FailWith500(10);
        emulator.Faults.NotFound(TestData.SeedEndpoint);
        emulator.Faults.Unauthorized(TestData.SeedEndpoint);
        emulator.Faults.Deny("DescribeClientVpnConnections");
        emulator.Faults.RepeatNextToken(TestData.SeedEndpoint);
        emulator.Faults.EmptyPagesFirst(TestData.SeedEndpoint, EmptyPageForm.Omitted);
        emulator.Faults.Delay = TimeSpan.FromSeconds(10);
        emulator.Faults.Clear();
        using var ec2 = TestData.Client(emulator);

        var response = await ec2.DescribeClientVpnConnectionsAsync(Seed());

        Assert.Equal(2, response.Connections.Count);
        Assert.Null(response.NextToken);
        Assert.Equal(1, emulator.RequestCount("DescribeClientVpnConnections"));
    }
}
