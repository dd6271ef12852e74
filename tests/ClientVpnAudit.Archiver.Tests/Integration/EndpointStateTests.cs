using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Archiver.Tests.Integration.Connections;

namespace ClientVpnAudit.Archiver.Tests.Integration;

/// <summary>Each endpoint's freshness, recorded by the archiver: one starved or failing endpoint shows.</summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class EndpointStateTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const string Healthy = "cvpn-endpoint-000000000000000c1";
    private const string Failing = "cvpn-endpoint-000000000000000c2";

    private static Snapshot Both(DateTime at) => SnapshotLoader.FromConnections(
        Many(Healthy, 3, at).Concat(Many(Failing, 1200, at)), [new SnapshotEndpoint(Healthy), new SnapshotEndpoint(Failing, "deleting")]);

    [Fact]
    public async Task Run_RecordsACompleteListing_ThenAFailedOne_KeepingTheLastCompleteListingsTime()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Both(T0));
        await harness.WithEndpointTableAsync(dynalite);
        var first = await harness.PollAsync(T0, Both(T0));
        harness.Emulator.Faults.FailLaterPages(Failing);

        var second = await harness.PollAsync(T0.AddMinutes(40), Both(T0.AddMinutes(40)));

        var states = await harness.EndpointStatesAsync();
        var failing = states[Failing];
        Assert.Equal(("000000000000", "us-east-1", "deleting"), (failing["AccountId"].S, failing["Region"].S, failing["Status"].S));
        Assert.Equal(Stored(T0.AddMinutes(40)), failing["LastAttemptAt"].S);
        Assert.Equal(Stored(T0), failing["LastCompleteListingAt"].S);
        Assert.Equal("1200", failing["ConnectionsListed"].N);
        Assert.Contains("InternalError", failing["LastError"].S);
        var healthy = states[Healthy];
        Assert.Equal(Stored(T0.AddMinutes(40)), healthy["LastCompleteListingAt"].S);
        Assert.Equal("3", healthy["ConnectionsListed"].N);
        Assert.False(healthy.ContainsKey("LastError"));
        Assert.Equal(0, first.OldestCompleteListingAgeMinutes);
        Assert.Equal(40, second.OldestCompleteListingAgeMinutes);
    }

    [Fact]
    public async Task Run_WhenTheFailingEndpointRecovers_ClearsItsError()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Both(T0));
        await harness.WithEndpointTableAsync(dynalite);
        harness.Emulator.Faults.FailLaterPages(Failing);
        var neverComplete = await harness.PollAsync(T0, Both(T0));
        harness.Clock.Advance(TimeSpan.FromMinutes(12));
        var stillFailing = await harness.PollAsync(T0.AddMinutes(12), Both(T0.AddMinutes(12)));
        harness.Emulator.Faults.Clear();

        var recovered = await harness.PollAsync(T0.AddMinutes(15), Both(T0.AddMinutes(15)));

        // Never listed completely: as stale as its first attempt is old.
        Assert.Equal(0, neverComplete.OldestCompleteListingAgeMinutes);
        Assert.Equal(12, stillFailing.OldestCompleteListingAgeMinutes);
        Assert.Equal(0, recovered.OldestCompleteListingAgeMinutes);
        var failing = (await harness.EndpointStatesAsync())[Failing];
        Assert.False(failing.ContainsKey("LastError"));
        Assert.Equal(Stored(T0.AddMinutes(15)), failing["LastCompleteListingAt"].S);
    }

    [Fact]
    public async Task Run_RecordsADeletedEndpointAsDeleted_AndAVanishedOneAsGone()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Both(T0));
        await harness.WithEndpointTableAsync(dynalite);
        await harness.PollAsync(T0, Both(T0));

        await harness.PollAsync(T0.AddMinutes(5), SnapshotLoader.FromConnections([], [new SnapshotEndpoint(Failing, "deleted")]));

        var states = await harness.EndpointStatesAsync();
        Assert.Equal("deleted", states[Failing]["Status"].S);
        Assert.Equal("gone", states[Healthy]["Status"].S);
        Assert.Equal(Stored(T0), states[Healthy]["LastCompleteListingAt"].S);
    }

    [Fact]
    public async Task Run_OfAnOlderPoll_NeverMovesTheLastAttemptBack()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Both(T0));
        await harness.WithEndpointTableAsync(dynalite);
        await harness.PollAsync(T0.AddMinutes(10), Both(T0.AddMinutes(10)));
        harness.Emulator.Serve(Both(T0.AddMinutes(5)));

        // A run that started before the last one and reports after it.
        await new Pipeline.ArchiverPipeline(harness.Ec2, harness.DynamoDb, harness.Options(), Reporting.JsonLog.Discard,
            new Pipeline.PollContext { Clock = new LocalStore.FixedClock(new DateTimeOffset(T0.AddMinutes(5))) }).RunAsync();

        Assert.Equal(Stored(T0.AddMinutes(10)), (await harness.EndpointStatesAsync())[Healthy]["LastAttemptAt"].S);
    }

    [Fact]
    public async Task Run_TakesTheLeastRecentlyCompletedEndpointsFirst_SoABudgetNeverStarvesTheSameOnes()
    {
        const string first = "cvpn-endpoint-000000000000000d1", second = "cvpn-endpoint-000000000000000d2", third = "cvpn-endpoint-000000000000000d3";
        var snapshot = SnapshotLoader.FromConnections(Many(first, 1, T0).Concat(Many(second, 1, T0)).Concat(Many(third, 1, T0)),
            [new SnapshotEndpoint(first), new SnapshotEndpoint(second), new SnapshotEndpoint(third)]);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, snapshot);
        await harness.WithEndpointTableAsync(dynalite);
        harness.Emulator.Faults.Unauthorized(third);
        await harness.PollAsync(T0, snapshot, options => options with { MaxConcurrency = 1 });
        harness.Emulator.Faults.Clear();
        var before = harness.Emulator.Requests.Count;

        await harness.PollAsync(T0.AddMinutes(5), snapshot, options => options with { MaxConcurrency = 1 });

        var order = harness.Emulator.Requests.Skip(before)
            .Where(request => request.Action == "DescribeClientVpnConnections")
            .Select(request => request.EndpointId);
        Assert.Equal([third, first, second], order);
    }

    [Fact]
    public async Task Run_WithoutAnEndpointTable_ReportsNoFreshness()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Both(T0));

        var summary = await harness.PollAsync(T0, Both(T0));

        Assert.Null(summary.OldestCompleteListingAgeMinutes);
    }
}
