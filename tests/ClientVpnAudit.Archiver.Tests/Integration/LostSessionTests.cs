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
