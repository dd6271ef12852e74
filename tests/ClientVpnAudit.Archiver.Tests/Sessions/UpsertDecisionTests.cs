using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Archiver.Tests.Sessions;

public sealed class UpsertDecisionTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(15);

    private static ObservedSession Observed(string observedAt, string status = "active") => new()
    {
        ConnectionId = "cvpn-connection-1",
        ClientVpnEndpointId = "cvpn-endpoint-1",
        Target = Target.Local,
        Status = status,
        ConnectionEstablishedTime = "2026-01-01T10:00:00Z",
        CommonName = "client1",
        IngressBytes = 10,
        ObservedAt = observedAt,
    };

    private static StoredSession Stored(string lastObservedAt, string status = "active") => new()
    {
        ConnectionId = "cvpn-connection-1",
        Status = status,
        CommonName = "client1",
        LastObservedAt = lastObservedAt,
        EndObserved = status == "terminated" ? true : null,
        AccountId = Target.Local.AccountId,
        Region = Target.Local.Region,
    };

    private static ObservedSession Ended(string observedAt) => Observed(observedAt, "terminated") with
    {
        ConnectionEndTime = "2026-01-01T10:01:00Z",
        DurationSeconds = 3660,
    };

    [Fact]
    public void Decide_WhenNothingIsStored_Inserts() =>
        Assert.Equal(UpsertAction.Insert, UpsertDecision.Decide(Observed("2026-01-01T10:05:00Z"), null, Refresh));

    [Fact]
    public void Decide_WhenSnapshotIsTheSame_IsUnchanged() =>
        Assert.Equal(UpsertAction.Unchanged, UpsertDecision.Decide(Observed("2026-01-01T10:05:00Z"), Stored("2026-01-01T10:05:00Z"), Refresh));

    [Fact]
    public void Decide_WhenASnapshotOfTheSameSecondSaysSomethingElse_IsStale() =>
        Assert.Equal(UpsertAction.Stale, UpsertDecision.Decide(
            Observed("2026-01-01T10:05:00Z", "terminating"), Stored("2026-01-01T10:05:00Z"), Refresh));

    [Fact]
    public void Decide_WhenSnapshotIsOlder_IsStale() =>
        Assert.Equal(UpsertAction.Stale, UpsertDecision.Decide(Observed("2026-01-01T10:00:00Z"), Stored("2026-01-01T10:05:00Z"), Refresh));

    [Fact]
    public void Decide_WhenOnlyCountersMovedAndRefreshNotDue_IsUnchanged() =>
        Assert.Equal(UpsertAction.Unchanged, UpsertDecision.Decide(Observed("2026-01-01T10:10:00Z"), Stored("2026-01-01T10:00:00Z"), Refresh));

    [Fact]
    public void Decide_WhenActiveAndRefreshIsDue_Updates() =>
        Assert.Equal(UpsertAction.Update, UpsertDecision.Decide(Observed("2026-01-01T10:15:00Z"), Stored("2026-01-01T10:00:00Z"), Refresh));

    [Fact]
    public void Decide_WithRefreshZero_UpdatesEveryNewerPoll() =>
        Assert.Equal(UpsertAction.Update, UpsertDecision.Decide(Observed("2026-01-01T10:00:01Z"), Stored("2026-01-01T10:00:00Z"), TimeSpan.Zero));

    [Fact]
    public void Decide_WhenStoredIsTerminated_NeverRefreshes() =>
        Assert.Equal(UpsertAction.Unchanged, UpsertDecision.Decide(
            Observed("2026-01-01T11:00:00Z", "terminated"), Stored("2026-01-01T10:00:00Z", "terminated"), Refresh));

    [Fact]
    public void Decide_WhenStatusChanged_Updates() =>
        Assert.Equal(UpsertAction.Update, UpsertDecision.Decide(Observed("2026-01-01T10:05:00Z", "terminated"), Stored("2026-01-01T10:00:00Z"), Refresh));

    [Fact]
    public void Decide_WhenStoredWasMarkedLost_Updates() =>
        Assert.Equal(UpsertAction.Update, UpsertDecision.Decide(
            Observed("2026-01-01T10:05:00Z"), Stored("2026-01-01T10:00:00Z") with { MissingSince = "2026-01-01T10:04:00Z" }, Refresh));

    [Theory]
    [InlineData("2026-01-01T10:05:00Z")] // the end AWS stamps: older than the last active answer stored
    [InlineData("2026-01-01T10:06:00Z")] // the same second
    [InlineData("2026-01-01T10:07:00Z")] // newer
    public void Decide_WhenTheSnapshotReportsTheEndAndNoObservedEndIsStored_UpdatesWhateverTheTimestamps(string observedAt) =>
        Assert.Equal(UpsertAction.Update, UpsertDecision.Decide(
            Ended(observedAt), Stored("2026-01-01T10:06:00Z", "active"), Refresh));

    [Theory]
    [InlineData("active")]
    [InlineData("terminating")]
    [InlineData("failed-to-terminate")]
    public void Decide_WhenTheSnapshotReportsTheEndOfAnyUnendedStatus_Updates(string storedStatus) =>
        Assert.Equal(UpsertAction.Update, UpsertDecision.Decide(
            Ended("2026-01-01T10:00:00Z"), Stored("2026-01-01T10:06:00Z", storedStatus), Refresh));

    [Fact]
    public void Decide_WhenTheSnapshotReportsTheEndOfALostSession_UpdatesEvenIfOlder() =>
        Assert.Equal(UpsertAction.Update, UpsertDecision.Decide(
            Ended("2026-01-01T10:00:00Z"),
            Stored("2026-01-01T10:06:00Z", "terminated") with { EndObserved = false, MissingSince = "2026-01-01T11:20:00Z" }, Refresh));

    [Theory]
    [InlineData("2026-01-01T10:05:00Z")] // frozen before an active answer stored earlier
    [InlineData("2026-01-01T10:06:00Z")]
    [InlineData("2026-01-01T10:07:00Z")]
    public void Decide_WhenTheStoredEndIsReListed_IsUnchangedWhateverItsTimestamp(string observedAt) =>
        Assert.Equal(UpsertAction.Unchanged, UpsertDecision.Decide(Ended(observedAt), Stored("2026-01-01T10:06:00Z", "terminated") with
        {
            ConnectionEndTime = "2026-01-01T10:01:00Z",
        }, Refresh));

    [Theory]
    [InlineData("2026-01-01T10:05:00Z", nameof(UpsertAction.Stale))]
    [InlineData("2026-01-01T10:06:00Z", nameof(UpsertAction.Stale))]
    [InlineData("2026-01-01T10:07:00Z", nameof(UpsertAction.Update))]
    public void Decide_BetweenTwoDifferentObservedEnds_AppliesTheUsualOrder(string observedAt, string expected) =>
        Assert.Equal(Enum.Parse<UpsertAction>(expected), UpsertDecision.Decide(Ended(observedAt) with { StatusMessage = "Client disconnected" },
            Stored("2026-01-01T10:06:00Z", "terminated") with { ConnectionEndTime = "2026-01-01T10:01:00Z" }, Refresh));

    [Theory]
    [InlineData("active")]
    [InlineData("terminating")]
    public void Decide_WhenAnObservedEndIsStored_ALaterSnapshotThatIsNotAnEndIsStale(string status) =>
        Assert.Equal(UpsertAction.Stale, UpsertDecision.Decide(
            Observed("2026-01-01T10:08:00Z", status), Stored("2026-01-01T10:06:00Z", "terminated"), Refresh));

    [Theory]
    [InlineData("2026-01-01T10:05:00Z", "2026-01-01T10:06:00Z")]
    [InlineData("2026-01-01T10:07:00Z", "2026-01-01T10:07:00Z")]
    public void LastObservedAfter_IsTheLaterOfStoredAndSnapshot(string observedAt, string expected) =>
        Assert.Equal(expected, UpsertDecision.LastObservedAfter(Ended(observedAt), Stored("2026-01-01T10:06:00Z")));

    [Fact]
    public void Decide_WhenALaterListingFoundItMissing_AndTheSnapshotShowsItActive_IsStale() =>
        Assert.Equal(UpsertAction.Stale, UpsertDecision.Decide(
            Observed("2026-01-01T10:05:00Z"), Stored("2026-01-01T10:00:00Z", "terminated") with { EndObserved = false, MissingSince = "2026-01-01T11:20:00Z" }, Refresh));

    [Fact]
    public void Decide_WhenALaterListingFoundItMissing_AndTheSnapshotShowsItsEnd_Updates() =>
        Assert.Equal(UpsertAction.Update, UpsertDecision.Decide(
            Observed("2026-01-01T10:09:00Z", "terminated") with { ConnectionEndTime = "2026-01-01T10:09:00Z" },
            Stored("2026-01-01T10:00:00Z", "terminated") with { EndObserved = false, MissingSince = "2026-01-01T11:20:00Z" }, Refresh));

    [Fact]
    public void Decide_WhenPostureStatusesChanged_Updates() =>
        Assert.Equal(UpsertAction.Update, UpsertDecision.Decide(
            Observed("2026-01-01T10:05:00Z") with { PostureComplianceStatuses = ["compliant"] }, Stored("2026-01-01T10:00:00Z"), Refresh));

    [Fact]
    public void Decide_WhenTheStoredRecordPredatesItsAccountAndRegion_UpdatesOnce() =>
        Assert.Equal(UpsertAction.Update, UpsertDecision.Decide(
            Observed("2026-01-01T10:05:00Z"), Stored("2026-01-01T10:00:00Z") with { AccountId = null, Region = null }, Refresh));

    [Fact]
    public void Decide_WhenClientIpChanged_Updates() =>
        Assert.Equal(UpsertAction.Update, UpsertDecision.Decide(
            Observed("2026-01-01T10:05:00Z") with { ClientIp = "10.0.0.9" }, Stored("2026-01-01T10:00:00Z"), Refresh));
}
