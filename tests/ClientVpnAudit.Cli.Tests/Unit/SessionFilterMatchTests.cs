using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Cli.Queries;

namespace ClientVpnAudit.Cli.Tests.Unit;

/// <summary>The overlap semantics of --since/--until, on hand-made records.</summary>
public sealed class SessionFilterMatchTests
{
    [Theory]
    [InlineData("2026-03-02T08:00:00Z", "2026-03-02T09:30:00Z", true)] // started before, ended inside
    [InlineData("2026-03-02T08:00:00Z", "2026-03-02T08:59:59Z", false)] // ended just before
    [InlineData("2026-03-02T09:30:00Z", "2026-03-02T11:00:00Z", true)] // started inside, ended after
    [InlineData("2026-03-02T08:00:00Z", "2026-03-02T11:00:00Z", true)] // spans the whole interval
    [InlineData("2026-03-02T10:00:01Z", null, false)] // started after
    [InlineData("2026-03-02T10:00:00Z", null, true)] // started at --until, not ended
    public void Matches_SelectsSessionsConnectedAtSomeMomentOfTheInterval(string established, string? ended, bool expected) =>
        Assert.Equal(expected, Interval().Matches(Session(established, ended)));

    [Fact]
    public void Matches_CountsALostSessionAsConnectedUntilMissingSince()
    {
        Assert.True(Interval().Matches(Session("2026-03-02T08:00:00Z", null, missingSince: "2026-03-02T09:10:00Z")));
        Assert.False(Interval().Matches(Session("2026-03-02T08:00:00Z", null, missingSince: "2026-03-02T08:50:00Z")));
    }

    [Fact]
    public void Matches_ANotEndedSessionLastsAtMost24Hours_LikeTheIndexQueryAssumes()
    {
        Assert.True(Interval().Matches(Session("2026-03-01T09:00:00Z", null)));
        Assert.False(Interval().Matches(Session("2026-03-01T08:59:59Z", null)));
    }

    [Fact]
    public void Matches_Active_MeansStatusIsNotTerminated()
    {
        var active = new SessionFilter { ActiveOnly = true };
        Assert.True(active.Matches(Session("2026-03-02T08:00:00Z", null)));
        Assert.False(active.Matches(Session("2026-03-02T08:00:00Z", "2026-03-02T08:30:00Z")));
        Assert.False(active.Matches(Session("2026-03-02T08:00:00Z", null, missingSince: "2026-03-02T09:10:00Z")));
    }

    private static SessionFilter Interval() => new()
    {
        Since = DateTimeOffset.Parse("2026-03-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
        Until = DateTimeOffset.Parse("2026-03-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static ArchivedSession Session(string established, string? ended, string? missingSince = null)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["ConnectionId"] = new() { S = "cvpn-connection-1" },
            ["ClientVpnEndpointId"] = new() { S = "cvpn-endpoint-1" },
            ["Status"] = new() { S = ended is null && missingSince is null ? "active" : "terminated" },
            ["ConnectionEstablishedTime"] = new() { S = established },
        };
        if (ended is not null)
        {
            item["ConnectionEndTime"] = new() { S = ended };
        }

        if (missingSince is not null)
        {
            item["MissingSince"] = new() { S = missingSince };
        }

        return ArchivedSession.FromItem(item);
    }
}
