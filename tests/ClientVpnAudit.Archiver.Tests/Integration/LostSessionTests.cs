using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Archiver.Tests.Integration.Connections;

namespace ClientVpnAudit.Archiver.Tests.Integration;

public class LostSessionTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const string Endpoint = "cvpn-endpoint-00000000000000105";

    [Fact]
    public async Task Run_WhenACompleteListingNoLongerShowsASession_MarksItEndedWithMissingSince()
    {
        var bob = Active("cvpn-connection-bob", Endpoint, T0);
        var carol = Active("cvpn-connection-carol", Endpoint, T0);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(bob, carol));
        await harness.RunAsync();

        // The poller was down for 70 minutes: bob ended and aged out of AWS's 60-minute window.
        var summary = await harness.RunAsync(Snapshot(carol with { Timestamp = Aws(T0.AddMinutes(70)) }));

        Assert.Equal(1, summary.SessionsMarkedLost);
        var lost = await harness.ItemAsync("cvpn-connection-bob");
        Assert.Equal("terminated", lost["Status"].S);
        Assert.False(lost["EndObserved"].BOOL);
        Assert.Equal(Stored(T0.AddMinutes(70)), lost["MissingSince"].S);
        Assert.False(lost.ContainsKey("ConnectionEndTime"));
        Assert.False(lost.ContainsKey("ActiveEndpointId"));
        Assert.Equal(Stored(T0), lost["LastObservedAt"].S);
        Assert.Equal("active", (await harness.ItemAsync("cvpn-connection-carol"))["Status"].S);
    }

    [Fact]
    public async Task Run_WhenTheListingIsEmpty_UsesTheRunStartAsListingTime()
    {
        var bob = Active("cvpn-connection-bob", Endpoint, T0);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(bob));
        await harness.RunAsync();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var summary = await harness.RunAsync(SnapshotLoader.FromConnections([], [new SnapshotEndpoint(Endpoint)]));

        Assert.Equal(1, summary.SessionsMarkedLost);
        var missingSince = DateTimeOffset.Parse((await harness.ItemAsync("cvpn-connection-bob"))["MissingSince"].S, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(missingSince, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Run_WhenAStoredSessionIsNewerThanTheListing_DoesNotMarkIt()
    {
        var bob = Active("cvpn-connection-bob", Endpoint, T0.AddMinutes(30));
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(bob));
        await harness.RunAsync();

        var summary = await harness.RunAsync(Snapshot(Active("cvpn-connection-dave", Endpoint, T0.AddMinutes(10))));

        Assert.Equal(0, summary.SessionsMarkedLost);
        Assert.Equal("active", (await harness.ItemAsync("cvpn-connection-bob"))["Status"].S);
    }

    [Fact]
    public async Task Run_WhenAListingIsIncomplete_MarksNothingLost()
    {
        var many = Many(Endpoint, 1500, T0).ToArray();
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(many));
        await harness.RunAsync();
        harness.Emulator.Faults.NotFound(Endpoint);

        var summary = await harness.RunAsync(Snapshot(many.Take(10).Select(connection => connection with { Timestamp = Aws(T0.AddMinutes(70)) }).ToArray()),
            options => options with { EndpointIds = [Endpoint] });

        Assert.False(summary.Succeeded);
        Assert.Equal(0, summary.SessionsMarkedLost);
        Assert.All((await harness.ItemsAsync()).Values, item => Assert.Equal("active", item["Status"].S));
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
        await harness.RunAsync(Snapshot(eve with { Timestamp = Aws(T0.AddMinutes(70)) }));

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
        await harness.RunAsync(Snapshot(Active("cvpn-connection-eve", Endpoint, T0.AddMinutes(70))));
        var store = new Archiver.Storage.SessionStore(harness.DynamoDb, harness.TableName, new Archiver.Storage.DynamoDbUsage());
        var stillActive = Archiver.Sessions.ConnectionMapper.Map(new Amazon.EC2.Model.ClientVpnConnection
        {
            ClientVpnEndpointId = Endpoint,
            ConnectionId = "cvpn-connection-bob",
            Timestamp = Aws(T0.AddMinutes(5)),
            ConnectionEstablishedTime = Aws(T0),
            Status = new Amazon.EC2.Model.ClientVpnConnectionStatus { Code = "active" },
            ConnectionEndTime = "-",
            IngressBytes = "1", EgressBytes = "1", IngressPackets = "1", EgressPackets = "1",
        }, Endpoint).Session!;

        // The decision would call this stale; the condition must refuse it too, for a writer that read the item before it was marked.
        Assert.False(await store.UpsertAsync(stillActive, retentionDays: 0, CancellationToken.None));
        Assert.Equal(Stored(T0.AddMinutes(70)), (await harness.ItemAsync("cvpn-connection-bob"))["MissingSince"].S);
    }

    [Fact]
    public async Task Run_WhenALostSessionReappears_ClearsMissingSince()
    {
        var bob = Active("cvpn-connection-bob", Endpoint, T0);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(bob));
        await harness.RunAsync();
        await harness.RunAsync(Snapshot(Active("cvpn-connection-eve", Endpoint, T0.AddMinutes(70))));

        var summary = await harness.RunAsync(Snapshot(Terminated(bob, T0.AddMinutes(71), T0.AddMinutes(75))));

        Assert.Equal(1, summary.SessionsUpdated);
        var item = await harness.ItemAsync("cvpn-connection-bob");
        Assert.False(item.ContainsKey("MissingSince"));
        Assert.True(item["EndObserved"].BOOL);
        Assert.Equal(Stored(T0.AddMinutes(71)), item["ConnectionEndTime"].S);
    }
}
