using ClientVpnAudit.Testing;
using static ClientVpnAudit.Archiver.Tests.Integration.Connections;

namespace ClientVpnAudit.Archiver.Tests.Properties;

/// <summary>
/// The nastiest histories, pinned: each is replayed twice and checked against the same invariants as the random ones,
/// plus what it is about.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class ExampleHistoryTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const string E1 = "cvpn-endpoint-e1";
    private const string E2 = "cvpn-endpoint-e2";

    [Fact]
    public async Task History_WhoseFrozenEndTimestampIsEarlierThanTheLastActiveAnswer_KeepsTheEnd_EvenWhenTheActiveAnswerComesAgainLate()
    {
        // Poll #1 runs 3 s behind AWS: it lists s01 (new) active and s02 terminating, stamped +0:05:03; both end before that.
        var endOfS01 = T0.AddMinutes(5).AddSeconds(1);
        var endOfS02 = T0.AddMinutes(5).AddSeconds(2);
        var history = new History(
            [new HistoryEndpoint(E1)],
            [
                new HistorySession("cvpn-connection-s01", 0, T0.AddMinutes(2), endOfS01),
                new HistorySession("cvpn-connection-s02", 0, T0.AddMinutes(-20), endOfS02, ShowsTerminating: true),
            ],
            [Poll(0), Poll(5, skew: 3), Poll(10), Poll(15)],
            [InOrder(0), InOrder(1), InOrder(2), Late(1), InOrder(3)]);

        var items = await HistoryCheck.ReplayTwiceAndCheckAsync(dynalite, history);

        var answeredAt = Stored(T0.AddMinutes(5).AddSeconds(3));
        foreach (var (connectionId, end) in new[] { ("cvpn-connection-s01", endOfS01), ("cvpn-connection-s02", endOfS02) })
        {
            var item = items[connectionId];
            Assert.True(item["EndObserved"].BOOL);
            Assert.Equal(Stored(end), item["ConnectionEndTime"].S);
            Assert.Equal(answeredAt, item["LastObservedAt"].S);
        }

        Assert.Equal(answeredAt, items["cvpn-connection-s01"]["FirstObservedAt"].S);
    }

    [Fact]
    public async Task History_WithAnAnswerDeliveredLateAfterItsEndpointWasDeleted_KeepsTheEndItListsAndClosesTheRest()
    {
        // e1 is gone at poll #2; poll #1's answer (e1 still listed) arrives only after it.
        var history = new History(
            [new HistoryEndpoint(E1, DeletedAtPoll: 2), new HistoryEndpoint(E2)],
            [
                new HistorySession("cvpn-connection-s01", 0, T0.AddMinutes(-30), End: null),
                new HistorySession("cvpn-connection-s02", 0, T0.AddMinutes(-20), T0.AddMinutes(2)),
                new HistorySession("cvpn-connection-s03", 0, T0.AddMinutes(3), End: null),
                new HistorySession("cvpn-connection-s04", 1, T0.AddMinutes(-5), End: null),
            ],
            [Poll(0), Poll(5, skew: 2), Poll(10), Poll(15)],
            [InOrder(0), InOrder(2), Late(1), InOrder(3)]);

        var items = await HistoryCheck.ReplayTwiceAndCheckAsync(dynalite, history);

        Assert.Equal(Stored(T0.AddMinutes(10)), items["cvpn-connection-s01"]["MissingSince"].S);
        Assert.True(items["cvpn-connection-s02"]["EndObserved"].BOOL);
        Assert.Equal(Stored(T0.AddMinutes(15)), items["cvpn-connection-s03"]["MissingSince"].S);
        Assert.Equal("active", items["cvpn-connection-s04"]["Status"].S);
    }

    [Fact]
    public async Task History_WithASessionSeenOnlyInALateAnswerAcrossAnOutage_ClosesItAtTheNextPoll()
    {
        // s01 lives between polls #0 and #2; the poller is then down for 75 minutes; poll #1's answer arrives after poll #2's.
        var history = new History(
            [new HistoryEndpoint(E1)],
            [
                new HistorySession("cvpn-connection-s01", 0, T0.AddMinutes(1), T0.AddMinutes(8)),
                new HistorySession("cvpn-connection-s02", 0, T0.AddMinutes(-5), End: null),
            ],
            [Poll(0), Poll(5, skew: 1), Poll(80), Poll(85)],
            [InOrder(0), InOrder(2), Late(1), InOrder(3)]);

        var items = await HistoryCheck.ReplayTwiceAndCheckAsync(dynalite, history);

        var s01 = items["cvpn-connection-s01"];
        Assert.False(s01["EndObserved"].BOOL);
        Assert.Equal(Stored(T0.AddMinutes(85)), s01["MissingSince"].S);
        Assert.Equal(Stored(T0.AddMinutes(5).AddSeconds(1)), s01["LastObservedAt"].S);
    }

    private static HistoryPoll Poll(int minutes, int skew = 0) => new(T0.AddMinutes(minutes), skew);

    private static Delivery InOrder(int poll) => new(poll, DeliveryKind.InOrder);

    private static Delivery Late(int poll) => new(poll, DeliveryKind.Late);
}
