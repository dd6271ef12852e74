using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Emulator.Tests;

[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class DescribeEndpointsTests
{
    [Fact]
    public async Task DescribeEndpoints_DerivedFromConnections_ListsEachEndpointOnceAsAvailable()
    {
        var snapshot = SnapshotLoader.FromConnections(
            TestData.Connections("cvpn-endpoint-b", 3, "b")
                .Concat(TestData.Connections("cvpn-endpoint-a", 2, "a"))
                .Concat(TestData.Connections("cvpn-endpoint-b", 1, "bb")));
        await using var emulator = await Ec2Emulator.StartAsync(snapshot);
        using var ec2 = TestData.Client(emulator);

        var response = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());

        Assert.Equal(["cvpn-endpoint-b", "cvpn-endpoint-a"], response.ClientVpnEndpoints.Select(e => e.ClientVpnEndpointId));
        Assert.All(response.ClientVpnEndpoints, endpoint => Assert.Equal(ClientVpnEndpointStatusCode.Available, endpoint.Status.Code));
        Assert.Null(response.NextToken);
    }

    [Fact]
    public async Task DescribeEndpoints_GivenEndpoints_ServesEveryFieldBack()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.WithEndpoints());
        using var ec2 = TestData.Client(emulator);

        var endpoints = (await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest())).ClientVpnEndpoints;

        Assert.Equal(2, endpoints.Count);
        var e = endpoints[0];
        Assert.Equal(TestData.SeedEndpoint, e.ClientVpnEndpointId);
        Assert.Equal("Endpoint for Admin access", e.Description);
        Assert.Equal(ClientVpnEndpointStatusCode.Available, e.Status.Code);
        Assert.Equal("2020-11-13T11:37:27", e.CreationTime);
        Assert.Null(e.DeletionTime);
        Assert.Equal("*.cvpn-endpoint-123456789123abcde.prod.clientvpn.ap-south-1.amazonaws.com", e.DnsName);
        Assert.Equal("172.31.0.0/16", e.ClientCidrBlock);
        Assert.Equal(["8.8.8.8"], e.DnsServers);
        Assert.False(e.SplitTunnel);
        Assert.Equal(VpnProtocol.Openvpn, e.VpnProtocol);
        Assert.Equal(TransportProtocol.Udp, e.TransportProtocol);
        Assert.Equal(443, e.VpnPort);
        Assert.Equal("arn:aws:acm:ap-south-1:123456789012:certificate/a1b2c3d4-5678-90ab-cdef-11111EXAMPLE", e.ServerCertificateArn);
        var auth = Assert.Single(e.AuthenticationOptions);
        Assert.Equal(ClientVpnAuthenticationType.CertificateAuthentication, auth.Type);
        Assert.Equal("arn:aws:acm:ap-south-1:123456789012:certificate/a1b2c3d4-5678-90ab-cdef-22222EXAMPLE",
            auth.MutualAuthentication.ClientRootCertificateChain);
        Assert.True(e.ConnectionLogOptions.Enabled);
        Assert.Equal("Client-vpn-connection-logs", e.ConnectionLogOptions.CloudwatchLogGroup);
        Assert.Equal("cvpn-endpoint-123456789123abcde-ap-south-1-2020/11/13-FCD8HEMVaCcw", e.ConnectionLogOptions.CloudwatchLogStream);
        var tag = Assert.Single(e.Tags);
        Assert.Equal(("Name", "Client VPN"), (tag.Key, tag.Value));
        Assert.Equal(["sg-aabbcc11223344567"], e.SecurityGroupIds);
        Assert.Equal("vpc-a87f92c1", e.VpcId);
        Assert.Equal("https://self-service.clientvpn.amazonaws.com/endpoints/cvpn-endpoint-123456789123abcde", e.SelfServicePortalUrl);
        Assert.False(e.ClientConnectOptions.Enabled);
        Assert.Equal(ClientVpnEndpointAttributeStatusCode.Applied, e.ClientConnectOptions.Status.Code);
        Assert.Equal(24, e.SessionTimeoutHours);
        Assert.False(e.ClientLoginBannerOptions.Enabled);

        var idle = endpoints[1];
        Assert.Equal(ClientVpnEndpointStatusCode.PendingAssociate, idle.Status.Code);
        Assert.Equal(TransportProtocol.Tcp, idle.TransportProtocol);
        Assert.Equal(1194, idle.VpnPort);
        Assert.Null(idle.DnsServers);
        Assert.Null(idle.Tags);
    }

    [Fact]
    public async Task DescribeEndpoints_ById_ReturnsOnlyThoseInSnapshotOrder()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.WithEndpoints());
        using var ec2 = TestData.Client(emulator);

        var response = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest
        {
            ClientVpnEndpointIds = [TestData.IdleEndpoint],
        });

        Assert.Equal([TestData.IdleEndpoint], response.ClientVpnEndpoints.Select(e => e.ClientVpnEndpointId));
        Assert.Equal(TestData.IdleEndpoint, emulator.Requests.Single().EndpointId);
    }

    [Fact]
    public async Task DescribeEndpoints_UnknownId_Returns400InvalidClientVpnEndpointIdNotFound()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.WithEndpoints());
        using var ec2 = TestData.Client(emulator);

        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnEndpointsAsync(
            new DescribeClientVpnEndpointsRequest { ClientVpnEndpointIds = [TestData.SeedEndpoint, "cvpn-endpoint-nope"] }));

        Assert.Equal("InvalidClientVpnEndpointId.NotFound", e.ErrorCode);
        Assert.Equal("Endpoint cvpn-endpoint-nope does not exist", e.Message);
    }

    [Fact]
    public async Task DescribeEndpoints_EndpointIdAndTransportFilters_ReturnMatchesOnly()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.WithEndpoints());
        using var ec2 = TestData.Client(emulator);

        var byId = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest
        {
            Filters = [new Filter("endpoint-id", [TestData.SeedEndpoint])],
        });
        var byTransport = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest
        {
            Filters = [new Filter("transport-protocol", ["tcp"])],
        });

        Assert.Equal([TestData.SeedEndpoint], byId.ClientVpnEndpoints.Select(e => e.ClientVpnEndpointId));
        Assert.Equal([TestData.IdleEndpoint], byTransport.ClientVpnEndpoints.Select(e => e.ClientVpnEndpointId));
    }

    [Fact]
    public async Task DescribeEndpoints_Paginator_PagesManyEndpoints()
    {
        var connections = Enumerable.Range(0, 23).SelectMany(i => TestData.Connections($"cvpn-endpoint-{i:D3}", 1, $"e{i}"));
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.FromConnections(connections));
        using var ec2 = TestData.Client(emulator);

        var ids = new List<string>();
        await foreach (var page in ec2.Paginators.DescribeClientVpnEndpoints(new DescribeClientVpnEndpointsRequest { MaxResults = 5 }).Responses)
        {
            ids.AddRange(page.ClientVpnEndpoints.Select(e => e.ClientVpnEndpointId));
        }

        Assert.Equal(Enumerable.Range(0, 23).Select(i => $"cvpn-endpoint-{i:D3}"), ids);
        Assert.Equal(5, emulator.RequestCount("DescribeClientVpnEndpoints"));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1001)]
    public async Task DescribeEndpoints_WithMaxResultsOutOfRange_Returns400InvalidParameterValue(int maxResults)
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.WithEndpoints());
        using var ec2 = TestData.Client(emulator);

        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { MaxResults = maxResults }));

        Assert.Equal("InvalidParameterValue", e.ErrorCode);
        Assert.Equal(1, emulator.RequestCount("DescribeClientVpnEndpoints"));
    }

    [Theory]
    [InlineData(EmptyPageForm.SelfClosing)]
    [InlineData(EmptyPageForm.Omitted)]
    public async Task DescribeEndpoints_EmptySnapshot_ReturnsNullEndpointsInBothForms(EmptyPageForm form)
    {
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.FromConnections([]));
        emulator.Faults.EmptyListForm = form;
        using var ec2 = TestData.Client(emulator);

        var response = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());

        Assert.Null(response.ClientVpnEndpoints);
        Assert.Null(response.NextToken);
    }

    [Fact]
    public async Task DescribeEndpoints_DryRun_Returns412DryRunOperation()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.WithEndpoints());
        using var ec2 = TestData.Client(emulator);

        var e = await Assert.ThrowsAsync<AmazonEC2Exception>(() =>
            ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { DryRun = true }));

        Assert.Equal("DryRunOperation", e.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.PreconditionFailed, e.StatusCode);
    }
}
