using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Emulator.Tests;

/// <summary>
/// A poll of several targets is served to each target separately, through the real SDK: the access key id is the
/// account and the signing region the region. A poll of one target is served to everyone.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class TargetRoutingTests
{
    private static readonly Target AccountAEu = new("111111111111", "eu-west-1");
    private static readonly Target AccountAUs = new("111111111111", "us-east-1");
    private static readonly Target AccountBEu = new("222222222222", "eu-west-1");
    private static readonly Target AccountBUs = new("222222222222", "us-east-1");

    private static readonly Target[] Targets = [AccountAEu, AccountAUs, AccountBEu, AccountBUs];

    /// <summary>Each target has its own endpoint, named after it, with 2 + its index connections (more than a page for the last).</summary>
    private static SnapshotPoll TwoAccountsTimesTwoRegions() => SnapshotLoader.FromTargets(
        Targets.Select((target, index) => SnapshotLoader.FromConnections(
            TestData.Connections(EndpointOf(target), 2 + index * (index == Targets.Length - 1 ? 2 : 1), $"t{index}-"),
            capturedAt: new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), accountId: target.AccountId, region: target.Region)),
        "two-by-two.json");

    private static string EndpointOf(Target target) =>
        $"cvpn-endpoint-{target.AccountId[..1]}{(target.Region == "eu-west-1" ? "e" : "d")}";

    [Fact]
    public async Task EachTargetsClient_SeesOnlyItsTargetsEndpointsAndConnections()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TwoAccountsTimesTwoRegions());

        foreach (var (target, index) in Targets.Select((target, index) => (target, index)))
        {
            using var ec2 = AwsClients.Ec2(emulator.Url, target);
            var endpoints = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());
            var connections = await AllConnectionsAsync(ec2, EndpointOf(target));

            Assert.Equal([EndpointOf(target)], endpoints.ClientVpnEndpoints.Select(endpoint => endpoint.ClientVpnEndpointId));
            Assert.Equal(Enumerable.Range(0, 2 + index * (index == Targets.Length - 1 ? 2 : 1)).Select(i => $"cvpn-connection-t{index}-{i:D6}"),
                connections.Select(connection => connection.ConnectionId));
        }

        Assert.Equal(Targets.Select(target => (target.AccountId, target.Region)),
            emulator.Requests.Where(request => request.Action == "DescribeClientVpnEndpoints").Select(request => (request.AccessKeyId!, request.Region!)));
    }

    [Fact]
    public async Task AnotherTargetsEndpoint_IsNotFound_ForThisTarget()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TwoAccountsTimesTwoRegions());
        using var ec2 = AwsClients.Ec2(emulator.Url, AccountAEu);

        var sameAccount = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = EndpointOf(AccountAUs) }));
        var otherAccount = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnEndpointsAsync(
            new DescribeClientVpnEndpointsRequest { ClientVpnEndpointIds = [EndpointOf(AccountBEu)] }));

        Assert.Equal("InvalidClientVpnEndpointId.NotFound", sameAccount.ErrorCode);
        Assert.Equal("InvalidClientVpnEndpointId.NotFound", otherAccount.ErrorCode);
    }

    [Fact]
    public async Task AnAccountThePollDoesNotHold_IsRefusedAsAnUnknownAccessKey()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TwoAccountsTimesTwoRegions());
        using var stranger = AwsClients.Ec2(emulator.Url, new Target("333333333333", "eu-west-1"));
        using var anyone = AwsClients.Ec2(emulator.Url);

        var refused = await Assert.ThrowsAsync<AmazonEC2Exception>(() => stranger.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest()));
        var alsoRefused = await Assert.ThrowsAsync<AmazonEC2Exception>(() => anyone.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = EndpointOf(AccountAEu) }));

        Assert.Equal(("AuthFailure", HttpStatusCode.Unauthorized), (refused.ErrorCode, refused.StatusCode));
        Assert.Equal("AWS was not able to validate the provided access credentials", refused.Message);
        Assert.Equal("AuthFailure", alsoRefused.ErrorCode);
        Assert.Equal(2, emulator.Requests.Count); // not retried
    }

    [Fact]
    public async Task ARegionThePollDoesNotHoldForAnAccount_HasNoEndpoints()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TwoAccountsTimesTwoRegions());
        using var ec2 = AwsClients.Ec2(emulator.Url, new Target(AccountAEu.AccountId, "ap-south-1"));

        var endpoints = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());
        var connections = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = EndpointOf(AccountAEu) }));

        Assert.Null(endpoints.ClientVpnEndpoints);
        Assert.Equal("InvalidClientVpnEndpointId.NotFound", connections.ErrorCode);
    }

    [Fact]
    public async Task PagesOfOneTarget_FollowEachOther_AndItsNextTokenIsRefusedByAnotherTarget()
    {
        // Two targets with an endpoint of the same id: only the target that issued a NextToken may use it.
        var poll = SnapshotLoader.FromTargets(new[] { AccountBUs, AccountBEu }.Select(target =>
            SnapshotLoader.FromConnections(TestData.Connections("cvpn-endpoint-same", 7, target.Region), accountId: target.AccountId, region: target.Region)));
        await using var emulator = await Ec2Emulator.StartAsync(poll);
        using var owner = AwsClients.Ec2(emulator.Url, AccountBUs);
        using var other = AwsClients.Ec2(emulator.Url, AccountBEu);

        var first = await owner.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-same", MaxResults = 5 });
        var all = await AllConnectionsAsync(owner, "cvpn-endpoint-same");
        var elsewhere = await Assert.ThrowsAsync<AmazonEC2Exception>(() => other.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-same", MaxResults = 5, NextToken = first.NextToken }));

        Assert.NotNull(first.NextToken);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"cvpn-connection-us-east-1{i:D6}"), all.Select(connection => connection.ConnectionId));
        Assert.Equal("InvalidParameterValue", elsewhere.ErrorCode);
    }

    [Fact]
    public async Task APollOfOneTarget_IsServedToEveryAccountAndRegion()
    {
        var single = SnapshotLoader.FromTargets([SnapshotLoader.FromConnections(TestData.Connections("cvpn-endpoint-one", 3),
            accountId: AccountAEu.AccountId, region: AccountAEu.Region)]);
        await using var emulator = await Ec2Emulator.StartAsync(single);

        foreach (var ec2 in new[] { AwsClients.Ec2(emulator.Url), AwsClients.Ec2(emulator.Url, AccountBUs), AwsClients.Ec2(emulator.Url, AccountAEu) })
        {
            using (ec2)
            {
                var endpoints = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());
                Assert.Equal(["cvpn-endpoint-one"], endpoints.ClientVpnEndpoints.Select(endpoint => endpoint.ClientVpnEndpointId));
                Assert.Equal(3, (await AllConnectionsAsync(ec2, "cvpn-endpoint-one")).Count);
            }
        }

        Assert.Same(single.Targets[0], emulator.Snapshot);
    }

    [Fact]
    public async Task Serve_SwapsAPollOfOneTargetForAPollOfSeveral()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        using var anyone = AwsClients.Ec2(emulator.Url);
        Assert.NotNull((await anyone.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest())).ClientVpnEndpoints);

        var poll = TwoAccountsTimesTwoRegions();
        emulator.Serve(poll);

        await Assert.ThrowsAsync<AmazonEC2Exception>(() => anyone.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest()));
        Assert.Same(poll, emulator.Poll);
        Assert.Throws<InvalidOperationException>(() => emulator.Snapshot);
    }

    private static async Task<List<ClientVpnConnection>> AllConnectionsAsync(IAmazonEC2 ec2, string endpointId)
    {
        var connections = new List<ClientVpnConnection>();
        string? nextToken = null;
        do
        {
            var page = await ec2.DescribeClientVpnConnectionsAsync(
                new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId, MaxResults = 5, NextToken = nextToken });
            connections.AddRange(page.Connections ?? []);
            nextToken = page.NextToken;
        }
        while (!string.IsNullOrEmpty(nextToken));
        return connections;
    }
}
