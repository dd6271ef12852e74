using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Archiver.Tests.Integration.Connections;

namespace ClientVpnAudit.Archiver.Tests.Integration;

/// <summary>An endpoint that is deleted takes its connections with it: their sessions are closed, not left active for good.</summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class GoneEndpointTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const string Kept = "cvpn-endpoint-000000000000000a1";
    private const string Gone = "cvpn-endpoint-000000000000000b2";

    private static Snapshot BothEndpoints() => SnapshotLoader.FromConnections(
        Many(Kept, 2, T0).Concat(Many(Gone, 3, T0)).Append(Terminated(Active("cvpn-connection-ended", Gone, T0), T0, T0)),
        [new SnapshotEndpoint(Kept), new SnapshotEndpoint(Gone)]);

    private static Snapshot Later(params SnapshotEndpoint[] endpoints) =>
        SnapshotLoader.FromConnections(Many(Kept, 2, T0.AddMinutes(5)), endpoints);

    [Fact]
    public async Task Run_WhenAnEndpointIsNoLongerListed_ClosesItsOpenSessionsAtTheDiscoveryTime()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, BothEndpoints());
        await harness.RunAsync();

        var summary = await harness.PollAsync(T0.AddMinutes(5), Later(new SnapshotEndpoint(Kept)));

        Assert.True(summary.Succeeded);
        Assert.Equal(3, summary.SessionsMarkedLost);
        AssertClosed(await harness.ItemsAsync(), missingSince: T0.AddMinutes(5));
    }

    [Fact]
    public async Task Run_WhenAnEndpointIsListedAsDeleted_ClosesItsOpenSessions()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, BothEndpoints());
        await harness.RunAsync();

        var summary = await harness.PollAsync(T0.AddMinutes(5), Later(new SnapshotEndpoint(Kept), new SnapshotEndpoint(Gone, "deleted")));

        Assert.Equal(3, summary.SessionsMarkedLost);
        AssertClosed(await harness.ItemsAsync(), missingSince: T0.AddMinutes(5));
    }

    [Fact]
    public async Task Run_WhenAnEndpointIsDeleting_StillPollsIt()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, BothEndpoints());
        await harness.RunAsync();
        var deleting = SnapshotLoader.FromConnections(Many(Kept, 2, T0.AddMinutes(5)).Concat(Many(Gone, 3, T0.AddMinutes(20))),
            [new SnapshotEndpoint(Kept), new SnapshotEndpoint(Gone, "deleting")]);

        var summary = await harness.PollAsync(T0.AddMinutes(20), deleting);

        Assert.Equal((2, 0), (summary.EndpointsPolled, summary.SessionsMarkedLost));
        Assert.Equal(3, summary.SessionsUpdated); // the refresh of the deleting endpoint's sessions
    }

    [Fact]
    public async Task Run_WithConfiguredEndpoints_ClosesTheSessionsOfOneThatIsNotFound_AndStillReportsIt()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, BothEndpoints());
        await harness.RunAsync();
        harness.Emulator.Faults.NotFound(Gone);

        var summary = await harness.PollAsync(T0.AddMinutes(5), Later(new SnapshotEndpoint(Kept), new SnapshotEndpoint(Gone)),
            options => options with { EndpointIds = [Kept, Gone] });

        Assert.False(summary.Succeeded);
        Assert.Equal(Gone, Assert.Single(summary.Failures).EndpointId);
        Assert.Equal(3, summary.SessionsMarkedLost);
        AssertClosed(await harness.ItemsAsync(), missingSince: T0.AddMinutes(5));
    }

    [Fact]
    public async Task Run_WithConfiguredEndpoints_LeavesTheSessionsOfUnconfiguredEndpointsAlone()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, BothEndpoints());
        await harness.RunAsync();

        var summary = await harness.PollAsync(T0.AddMinutes(5), Later(new SnapshotEndpoint(Kept)), options => options with { EndpointIds = [Kept] });

        Assert.Equal(0, summary.SessionsMarkedLost);
        Assert.Equal(3, (await harness.ItemsAsync()).Values.Count(item => item["ClientVpnEndpointId"].S == Gone && item["Status"].S == "active"));
    }

    [Fact]
    public async Task Run_WhenTheEndpointListingIsNotKnownToBeComplete_ClosesNothing()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, BothEndpoints());
        await harness.RunAsync();
        harness.Clock.SetUtcNow(new DateTimeOffset(T0.AddMinutes(5)));
        harness.Emulator.Serve(Later(new SnapshotEndpoint(Kept)));
        var replayWithoutEndpoints = new ArchiverPipeline(harness.Ec2, harness.DynamoDb, harness.Options(), Reporting.JsonLog.Discard,
            new PollContext { Clock = harness.Clock, EndpointListingIsComplete = false });

        var summary = await replayWithoutEndpoints.RunAsync();

        Assert.Equal(0, summary.SessionsMarkedLost);
    }

    [Fact]
    public async Task Run_OfOneTarget_NeverClosesTheSessionsOfAnotherTargetsEndpoints()
    {
        var otherAccount = new Archiver.Sessions.Target("111111111111", "eu-west-1");
        await using var harness = await ArchiverHarness.StartAsync(dynalite, BothEndpoints());
        await harness.RunAsync(options => options with { Target = otherAccount });

        // This account's discovery lists only its own endpoint: the other account's endpoints are simply not its own.
        var summary = await harness.PollAsync(T0.AddMinutes(5), Later(new SnapshotEndpoint(Kept)));

        Assert.Equal(0, summary.SessionsMarkedLost);
        Assert.Equal(3, (await harness.ItemsAsync()).Values.Count(item => item["ClientVpnEndpointId"].S == Gone && item["Status"].S == "active"));
    }

    [Fact]
    public async Task Run_DoesNotCloseASessionObservedAfterTheDiscovery()
    {
        // A run that discovered endpoints at 09:05 must not close what a later run saw at 09:06 (a race across runs).
        await using var harness = await ArchiverHarness.StartAsync(dynalite, SnapshotLoader.FromConnections(Many(Gone, 3, T0.AddMinutes(6)), [new SnapshotEndpoint(Gone)]));
        await harness.RunAsync();

        var summary = await harness.PollAsync(T0.AddMinutes(5), Later(new SnapshotEndpoint(Kept)));

        Assert.Equal(0, summary.SessionsMarkedLost);
    }

    [Fact]
    public async Task Run_WhenAListingHoldsAConnectionNamingAnotherEndpoint_ArchivesItUnderTheListedOneWithAWarning()
    {
        var stray = Active("cvpn-connection-stray", Gone, T0);
        var snapshot = SnapshotLoader.FromConnections(Many(Kept, 2, T0).Append(stray), [new SnapshotEndpoint(Kept), new SnapshotEndpoint(Gone)]);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, snapshot);
        harness.Emulator.Faults.ListConnectionUnder("cvpn-connection-stray", Kept);

        var summary = await harness.RunAsync();

        Assert.Equal((3, 1), (summary.SessionsInserted, summary.Warnings));
        var item = await harness.ItemAsync("cvpn-connection-stray");
        Assert.Equal(Kept, item["ClientVpnEndpointId"].S);
        Assert.Equal(Kept, item["ActiveEndpointId"].S);
        Assert.Contains($"names {Gone} but was listed by {Kept}", harness.Log.ToString());
    }

    private static void AssertClosed(IReadOnlyDictionary<string, Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>> items, DateTime missingSince)
    {
        var gone = items.Values.Where(item => item["ClientVpnEndpointId"].S == Gone && item["ConnectionId"].S != "cvpn-connection-ended").ToList();
        Assert.Equal(3, gone.Count);
        Assert.All(gone, item =>
        {
            Assert.Equal("terminated", item["Status"].S);
            Assert.False(item["EndObserved"].BOOL);
            Assert.Equal(Stored(missingSince), item["MissingSince"].S);
            Assert.False(item.ContainsKey("ActiveEndpointId"));
        });
        Assert.True(items["cvpn-connection-ended"]["EndObserved"].BOOL);
        Assert.False(items["cvpn-connection-ended"].ContainsKey("MissingSince"));
        Assert.All(items.Values.Where(item => item["ClientVpnEndpointId"].S == Kept), item => Assert.Equal("active", item["Status"].S));
    }
}
