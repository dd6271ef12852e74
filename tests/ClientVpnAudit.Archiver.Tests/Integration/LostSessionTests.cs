using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Archiver.Tests.Integration.Connections;

namespace ClientVpnAudit.Archiver.Tests.Integration;

[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class LostSessionTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const string Endpoint = "cvpn-endpoint-00000000000000105";

    [Fact]
    public async Task Run_WhenACompleteListingNoLongerShowsASession_MarksItEndedWithMissingSince()
    {
        var bob = Active("cvpn-connection-bob", Endpoint, T0);
        var carol = Active("cvpn-connection-carol", Endpoint, T0);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(bob, carol));
        await harness.RunAsync();

        // The poller was down for 70 minutes: bob ended and aged out of AWS's 60-minute window. AWS's clock is 3 s behind ours.
        var pollTime = T0.AddMinutes(70).AddSeconds(3);
        var summary = await harness.PollAsync(pollTime, Snapshot(carol with { Timestamp = Aws(T0.AddMinutes(70)) }));

        Assert.Equal(1, summary.SessionsMarkedLost);
        var lost = await harness.ItemAsync("cvpn-connection-bob");
        Assert.Equal("terminated", lost["Status"].S);
        Assert.False(lost["EndObserved"].BOOL);
        Assert.Equal(Stored(pollTime), lost["MissingSince"].S);
        Assert.False(lost.ContainsKey("ConnectionEndTime"));
        Assert.False(lost.ContainsKey("ActiveEndpointId"));
        Assert.Equal(Stored(T0), lost["LastObservedAt"].S);
        Assert.Equal("active", (await harness.ItemAsync("cvpn-connection-carol"))["Status"].S);
    }

    [Fact]
    public async Task Run_WhenTheListingIsEmpty_UsesThePollClockAsListingTime()
    {
        var bob = Active("cvpn-connection-bob", Endpoint, T0);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(bob));
        await harness.RunAsync();

        var summary = await harness.PollAsync(T0.AddMinutes(80), SnapshotLoader.FromConnections([], [new SnapshotEndpoint(Endpoint)]));

        Assert.Equal(1, summary.SessionsMarkedLost);
        Assert.Equal(Stored(T0.AddMinutes(80)), (await harness.ItemAsync("cvpn-connection-bob"))["MissingSince"].S);
    }

    [Fact]
    public async Task Run_WhenTheListingHoldsOnlyFrozenEndTimestamps_StillUsesThePollClock()
    {
        // AWS freezes an ended connection's Timestamp at its end: the latest Timestamp in this listing is 50 minutes old.
        var bob = Active("cvpn-connection-bob", Endpoint, T0);
        var carol = Active("cvpn-connection-carol", Endpoint, T0);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(bob, carol));
        await harness.RunAsync();

        var summary = await harness.PollAsync(T0.AddMinutes(70), Snapshot(Terminated(carol, T0.AddMinutes(20), observedAt: T0.AddMinutes(20))));

        Assert.Equal(1, summary.SessionsMarkedLost);
        Assert.Equal(Stored(T0.AddMinutes(70)), (await harness.ItemAsync("cvpn-connection-bob"))["MissingSince"].S);
        Assert.True((await harness.ItemAsync("cvpn-connection-carol"))["EndObserved"].BOOL);
    }

    [Fact]
    public async Task Run_WithoutAClock_MarksNothingLostAndSaysWhy()
    {
        var bob = Active("cvpn-connection-bob", Endpoint, T0);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(bob));
        await harness.RunAsync();
        harness.Emulator.Serve(SnapshotLoader.FromConnections([], [new SnapshotEndpoint(Endpoint)]));
        var unclocked = new ArchiverPipeline(harness.Ec2, harness.DynamoDb, harness.Options(), Reporting.JsonLog.Discard,
            PollContext.Unclocked("no CapturedAt and no Timestamp in the snapshot", endpointListingIsComplete: true));

        var summary = await unclocked.RunAsync();

        Assert.True(summary.Succeeded);
        Assert.Equal(0, summary.SessionsMarkedLost);
        Assert.Equal("no CapturedAt and no Timestamp in the snapshot", summary.NothingMarkedLostBecause);
        Assert.Equal("active", (await harness.ItemAsync("cvpn-connection-bob"))["Status"].S);
    }

    [Fact]
    public async Task Run_WhenAStoredSessionIsNewerThanTheListing_DoesNotMarkIt()
    {
        var bob = Active("cvpn-connection-bob", Endpoint, T0.AddMinutes(30));
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(bob));
        await harness.RunAsync();

        var summary = await harness.PollAsync(T0.AddMinutes(10), Snapshot(Active("cvpn-connection-dave", Endpoint, T0.AddMinutes(10))));

        Assert.Equal(0, summary.SessionsMarkedLost);
        Assert.Equal("active", (await harness.ItemAsync("cvpn-connection-bob"))["Status"].S);
    }

    [Fact]
    public async Task Run_WhenPageTwoFails_MarksNothingLost_AndTheNextRunHeals()
    {
        var many = Many(Endpoint, 1500, T0).ToArray();
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(many));
        await harness.RunAsync();
        var later = Snapshot(many.Take(1200).Select(connection => connection with { Timestamp = Aws(T0.AddMinutes(70)) }).ToArray());
        harness.Emulator.Faults.FailLaterPages(Endpoint);

        var failed = await harness.PollAsync(T0.AddMinutes(70), later);

        Assert.False(failed.Succeeded);
        Assert.Contains("InternalError", Assert.Single(failed.Failures).Reason);
        Assert.Equal(0, failed.SessionsMarkedLost);
        Assert.All((await harness.ItemsAsync()).Values, item => Assert.Equal("active", item["Status"].S));

        harness.Emulator.Faults.Clear();
        var healed = await harness.PollAsync(T0.AddMinutes(75), later);

        Assert.True(healed.Succeeded);
        Assert.Equal(300, healed.SessionsMarkedLost);
        var items = await harness.ItemsAsync();
        Assert.Equal(300, items.Values.Count(item => item.TryGetValue("MissingSince", out var since) && since.S == Stored(T0.AddMinutes(75))));
        Assert.Equal(1200, items.Values.Count(item => item["Status"].S == "active"));
    }

    [Fact]
    public async Task Run_WhenAnOlderSnapshotShowsALostSessionActive_KeepsItLost()
    {
        var bob = Active("cvpn-connection-bob", Endpoint, T0);
        var eve = Active("cvpn-connection-eve", Endpoint, T0);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(bob, eve));
        await harness.RunAsync();
        var fiveMinutesLater = Snapshot(bob with { Timestamp = Aws(T0.AddMinutes(5)) }, eve with { Timestamp = Aws(T0.AddMinutes(5)) });
        await harness.RunAsync(fiveMinutesLater);
        await harness.PollAsync(T0.AddMinutes(70), Snapshot(eve with { Timestamp = Aws(T0.AddMinutes(70)) }));

        // Replayed, or delivered late by a run that raced a later one: bob was active at T0+5, then found missing at T0+70.
        var summary = await harness.RunAsync(fiveMinutesLater);

        Assert.Equal(0, summary.SessionsUpdated);
        var item = await harness.ItemAsync("cvpn-connection-bob");
        Assert.Equal("terminated", item["Status"].S);
        Assert.Equal(Stored(T0.AddMinutes(70)), item["MissingSince"].S);
        Assert.Equal(Stored(T0), item["LastObservedAt"].S);
    }

    [Fact]
    public async Task Upsert_OfAnActiveSnapshotNotNewerThanMissingSince_IsRefusedByTheStore()
    {
        var bob = Active("cvpn-connection-bob", Endpoint, T0);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(bob, Active("cvpn-connection-eve", Endpoint, T0)));
        await harness.RunAsync();
        await harness.PollAsync(T0.AddMinutes(70), Snapshot(Active("cvpn-connection-eve", Endpoint, T0.AddMinutes(70))));
        var store = new Archiver.Storage.SessionStore(harness.DynamoDb, harness.TableName, new Archiver.Storage.DynamoDbUsage());
        var stillActive = Archiver.Sessions.ConnectionMapper.Map(new Amazon.EC2.Model.ClientVpnConnection
        {
            ClientVpnEndpointId = Endpoint,
            ConnectionId = "cvpn-connection-bob",
            Timestamp = Aws(T0.AddMinutes(5)),
            ConnectionEstablishedTime = Aws(T0),
            Status = new Amazon.EC2.Model.ClientVpnConnectionStatus { Code = "active" },
            ConnectionEndTime = "-",
            IngressBytes = "1",
            EgressBytes = "1",
            IngressPackets = "1",
            EgressPackets = "1",
        }, Endpoint, Archiver.Sessions.Target.Local).Session!;

        // The decision would call this stale; the condition must refuse it too, for a writer that read the item before it was marked.
        Assert.False(await store.UpsertAsync(stillActive, stored: null, retentionDays: 0, CancellationToken.None));
        Assert.Equal(Stored(T0.AddMinutes(70)), (await harness.ItemAsync("cvpn-connection-bob"))["MissingSince"].S);
    }

    [Fact]
    public async Task Run_WhenALostSessionReappears_ClearsMissingSince()
    {
        var bob = Active("cvpn-connection-bob", Endpoint, T0);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(bob));
        await harness.RunAsync();
        await harness.PollAsync(T0.AddMinutes(70), Snapshot(Active("cvpn-connection-eve", Endpoint, T0.AddMinutes(70))));

        var summary = await harness.RunAsync(Snapshot(Terminated(bob, T0.AddMinutes(71), T0.AddMinutes(75))));

        Assert.Equal(1, summary.SessionsUpdated);
        var item = await harness.ItemAsync("cvpn-connection-bob");
        Assert.False(item.ContainsKey("MissingSince"));
        Assert.True(item["EndObserved"].BOOL);
        Assert.Equal(Stored(T0.AddMinutes(71)), item["ConnectionEndTime"].S);
    }
}
