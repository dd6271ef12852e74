using ClientVpnAudit.Cli.Replay;
using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Cli.Tests.Unit;

public sealed class ReplayedPollContextTests
{
    private const string First = "cvpn-endpoint-00000000000000001";
    private const string Second = "cvpn-endpoint-00000000000000002";

    private static SnapshotConnection Connection(string endpointId, string id, string? timestamp) => new(
        ClientVpnEndpointId: endpointId, Timestamp: timestamp, ConnectionId: id, ConnectionEstablishedTime: "2026-03-02 08:00:00",
        IngressBytes: "1", EgressBytes: "1", IngressPackets: "1", EgressPackets: "1", StatusCode: "active", ConnectionEndTime: "-");

    [Fact]
    public void For_ASnapshotWithCapturedAt_UsesItAsThePollTime()
    {
        var snapshot = SnapshotLoader.FromConnections([Connection(First, "cvpn-connection-1", "2026-03-02 09:00:04")],
            capturedAt: new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), ReplayedPollContext.For(snapshot).Clock!.GetUtcNow());
    }

    [Fact]
    public void For_ASnapshotWithoutCapturedAt_UsesTheLatestUsableTimestampOfAnyEndpoint()
    {
        var snapshot = SnapshotLoader.FromConnections(
        [
            Connection(First, "cvpn-connection-1", "2026-03-02 09:00:02"),
            Connection(Second, "cvpn-connection-2", "2026-03-02 09:00:04"),
            Connection(Second, "cvpn-connection-3", "2026-03-02 23:59:59") with { ConnectionEstablishedTime = null }, // malformed: skipped
            Connection(First, "cvpn-connection-4", "not a time"),
        ]);

        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 4, TimeSpan.Zero), ReplayedPollContext.For(snapshot).Clock!.GetUtcNow());
    }

    [Fact]
    public void For_ASnapshotWithNeither_HasNoClockAndSaysWhy()
    {
        var context = ReplayedPollContext.For(SnapshotLoader.FromConnections([], [new SnapshotEndpoint(First)]));

        Assert.Null(context.Clock);
        Assert.Equal(ReplayedPollContext.NoClockReason, context.NoClockReason);
    }

    [Fact]
    public void For_ASnapshotWithClientVpnEndpoints_IsACompleteEndpointListing()
    {
        Assert.True(ReplayedPollContext.For(SnapshotLoader.FromConnections([], [new SnapshotEndpoint(First)])).EndpointListingIsComplete);
        Assert.False(ReplayedPollContext.For(SnapshotLoader.FromConnections([], [])).EndpointListingIsComplete);
        Assert.False(ReplayedPollContext.For(SnapshotLoader.FromConnections([Connection(First, "cvpn-connection-1", "2026-03-02 09:00:02")]))
            .EndpointListingIsComplete);
    }

    [Fact]
    public void For_ATargetOfAPollOfSeveral_UsesThePollsClock_AndItsOwnCompleteEndpointListing()
    {
        var eu = SnapshotLoader.FromConnections([Connection(First, "cvpn-connection-1", "2026-03-02 09:00:02")], [new SnapshotEndpoint(First)],
            accountId: "111111111111", region: "eu-west-1");
        var us = SnapshotLoader.FromConnections([Connection(Second, "cvpn-connection-2", "2026-03-02 09:00:04")], [new SnapshotEndpoint(Second)],
            accountId: "111111111111", region: "us-east-1");
        var poll = SnapshotLoader.FromTargets([eu, us]);

        var context = ReplayedPollContext.For(poll, eu);

        // Without CapturedAt, the latest usable Timestamp of any target: the poll has one clock.
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 4, TimeSpan.Zero), context.Clock!.GetUtcNow());
        Assert.True(context.EndpointListingIsComplete);
    }
}
