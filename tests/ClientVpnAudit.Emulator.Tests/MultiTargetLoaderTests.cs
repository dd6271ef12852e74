namespace ClientVpnAudit.Emulator.Tests;

/// <summary>Snapshot files of several targets (a Targets array under one CapturedAt), and today's single-target files read as polls.</summary>
public sealed class MultiTargetLoaderTests
{
    private const string TwoTargets = """
        {
          "CapturedAt": "2026-03-02T09:05:00Z",
          "Targets": [
            {"AccountId": "111111111111", "Region": "eu-west-1",
             "Connections": [{"ClientVpnEndpointId": "cvpn-endpoint-a1", "ConnectionId": "c1"}],
             "ClientVpnEndpoints": [{"ClientVpnEndpointId": "cvpn-endpoint-a1", "Status": {"Code": "available"}}]},
            {"AccountId": "222222222222", "Region": "us-east-1",
             "Connections": [{"ClientVpnEndpointId": "cvpn-endpoint-b1", "ConnectionId": "c2"}]}
          ]
        }
        """;

    [Fact]
    public void ParsePoll_OfTargets_ReadsEachTargetWithItsAccountRegionAndThePollsCapturedAt()
    {
        var poll = SnapshotLoader.ParsePoll(TwoTargets, "x.json");

        var capturedAt = new DateTimeOffset(2026, 3, 2, 9, 5, 0, TimeSpan.Zero);
        Assert.False(poll.IsSingleTarget);
        Assert.Equal(capturedAt, poll.CapturedAt);
        Assert.Equal(["111111111111:eu-west-1", "222222222222:us-east-1"], poll.Targets.Select(target => target.TargetName));
        Assert.All(poll.Targets, target => Assert.Equal(capturedAt, target.CapturedAt));
        Assert.All(poll.Targets, target => Assert.Equal("x.json", target.SourceName));
        Assert.Equal("c1", Assert.Single(poll.Targets[0].Connections).ConnectionId);
        Assert.True(poll.Targets[0].EndpointsGiven);
        Assert.False(poll.Targets[1].EndpointsGiven);
        Assert.Equal(["cvpn-endpoint-b1"], poll.Targets[1].Endpoints.Select(endpoint => endpoint.ClientVpnEndpointId));
        Assert.Same(poll.Targets[1], poll.Find("222222222222", "us-east-1"));
        Assert.Null(poll.Find("222222222222", "eu-west-1"));
    }

    [Fact]
    public void ParsePoll_OfASingleTargetFile_IsAPollOfThatOneSnapshot()
    {
        var json = """{"CapturedAt": "2026-03-02T09:05:00Z", "AccountId": "123456789012", "Connections": [{"ClientVpnEndpointId": "cvpn-endpoint-a"}]}""";

        var poll = SnapshotLoader.ParsePoll(json, "x.json");

        var target = Assert.Single(poll.Targets);
        Assert.True(poll.IsSingleTarget);
        Assert.Equal(poll.CapturedAt, target.CapturedAt);
        Assert.Equal("123456789012", target.AccountId);
        Assert.Null(target.Region);
        Assert.Equal("123456789012:?", target.TargetName);
    }

    [Fact]
    public void Parse_OfAFileOfSeveralTargets_SaysToReadItAsAPoll()
    {
        var e = Assert.Throws<SnapshotException>(() => SnapshotLoader.Parse(TwoTargets, "x.json"));

        Assert.Equal("x.json: holds 2 targets (Targets), not one: read it as a poll of several targets", e.Message);
    }

    [Fact]
    public void Parse_OfTargetsHoldingOne_GivesThatTarget()
    {
        var json = """{"Targets": [{"AccountId": "111111111111", "Region": "eu-west-1", "Connections": []}]}""";

        var snapshot = SnapshotLoader.Parse(json, "x.json");

        Assert.Equal("111111111111:eu-west-1", snapshot.TargetName);
    }

    [Theory]
    [InlineData("""{"Targets": [{"Region": "eu-west-1", "Connections": []}]}""", "x.json: Targets[0] has no AccountId")]
    [InlineData("""{"Targets": [{"AccountId": "111111111111", "Region": "eu-west-1", "Connections": []}, {"AccountId": " ", "Region": "eu-west-1", "Connections": []}]}""",
        "x.json: Targets[1] has no AccountId")]
    [InlineData("""{"Targets": [{"AccountId": "111111111111", "Connections": []}]}""", "x.json: Targets[0] has no Region")]
    [InlineData("""{"Targets": [{"AccountId": "111111111111", "Region": "eu-west-1"}]}""", "x.json: Targets[0] has no Connections array")]
    [InlineData("""{"Targets": [{"AccountId": 111111111111, "Region": "eu-west-1", "Connections": []}]}""", "x.json: Targets[0].AccountId is not a string")]
    [InlineData("""{"Targets": [[]]}""", "x.json: Targets[0] is not an object")]
    [InlineData("""{"Targets": {}}""", "x.json: Targets is not an array")]
    [InlineData("""{"Targets": []}""", "x.json: Targets is empty: a poll needs at least one target")]
    [InlineData("""{"Targets": [{"AccountId": "111111111111", "Region": "eu-west-1", "Connections": [{"ConnectionId": "c"}]}]}""",
        "x.json: Targets[0].Connections[0] has no ClientVpnEndpointId")]
    [InlineData("""{"Targets": [{"AccountId": "111111111111", "Region": "eu-west-1", "Connections": [], "ClientVpnEndpoints": [{"ClientVpnEndpointId": "e"}, {"ClientVpnEndpointId": "e"}]}]}""",
        "x.json: Targets[0].ClientVpnEndpoints[1] repeats e")]
    [InlineData("""{"Targets": [{"AccountId": "111111111111", "Region": "eu-west-1", "CapturedAt": "2026-03-02T09:05:00Z", "Connections": []}]}""",
        "x.json: Targets[0] has its own CapturedAt: the poll's one CapturedAt is at the top level")]
    [InlineData("""{"Targets": [{"AccountId": "111111111111", "Region": "eu-west-1", "Connections": []}], "Connections": []}""",
        "x.json: has both Targets and a top-level Connections: a file holds one target (top-level Connections) or several (Targets, each with its own Connections)")]
    [InlineData("""{"AccountId": "111111111111", "Targets": [{"AccountId": "111111111111", "Region": "eu-west-1", "Connections": []}]}""",
        "x.json: has both Targets and a top-level AccountId: a file holds one target (top-level Connections) or several (Targets, each with its own AccountId)")]
    [InlineData("""{"Targets": [{"AccountId": "111111111111", "Region": "eu-west-1", "Connections": []}, {"AccountId": "222222222222", "Region": "eu-west-1", "Connections": []}, {"AccountId": "111111111111", "Region": "eu-west-1", "Connections": []}]}""",
        "x.json: Targets[2] repeats 111111111111:eu-west-1 of Targets[0]: one poll lists each account and region once")]
    public void ParsePoll_OfAnInvalidTargetsFile_FailsWithOneLineNamingTheFileAndTheTarget(string json, string message)
    {
        var e = Assert.Throws<SnapshotException>(() => SnapshotLoader.ParsePoll(json, "x.json"));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ToJson_OfSeveralTargets_WritesTargets_AndParsePollGivesThemBack()
    {
        var poll = SnapshotLoader.ParsePoll(TwoTargets, "x.json");

        var json = SnapshotLoader.ToJson(poll);
        var again = SnapshotLoader.ParsePoll(json, "again.json");

        Assert.StartsWith("{\n    \"CapturedAt\": \"2026-03-02T09:05:00Z\",\n    \"Targets\": [\n        {\n            \"AccountId\": \"111111111111\",", json);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(json, "\"ClientVpnEndpoints\""));
        Assert.Equal(poll.CapturedAt, again.CapturedAt);
        Assert.Equal(poll.Targets.Select(target => target.TargetName), again.Targets.Select(target => target.TargetName));
        Assert.Equal(poll.Targets.Select(target => target.Connections), again.Targets.Select(target => target.Connections));
        Assert.Equal(poll.Targets.Select(target => target.EndpointsGiven), again.Targets.Select(target => target.EndpointsGiven));
    }

    [Fact]
    public void ToJson_OfAPollOfOneTarget_WritesTheSingleTargetForm()
    {
        var target = SnapshotLoader.FromConnections([new SnapshotConnection("cvpn-endpoint-a")],
            capturedAt: new DateTimeOffset(2026, 3, 2, 9, 5, 0, TimeSpan.Zero), accountId: "111111111111", region: "eu-west-1");

        var json = SnapshotLoader.ToJson(SnapshotLoader.FromTargets([target]));

        Assert.StartsWith("{\n    \"CapturedAt\": \"2026-03-02T09:05:00Z\",\n    \"AccountId\": \"111111111111\",\n    \"Region\": \"eu-west-1\",\n    \"Connections\": [", json);
        Assert.DoesNotContain("Targets", json);
        Assert.Equal(json, SnapshotLoader.ToJson(target));
    }

    [Fact]
    public void FromTargets_RefusesTargetsCapturedAtDifferentTimes_AndTwoAlike()
    {
        var nine = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        Snapshot Target(string account, string region, DateTimeOffset? at) =>
            SnapshotLoader.FromConnections([], capturedAt: at, accountId: account, region: region);

        var apart = Assert.Throws<SnapshotException>(() => SnapshotLoader.FromTargets(
            [Target("111111111111", "eu-west-1", nine), Target("111111111111", "us-east-1", nine.AddSeconds(1))], "poll"));
        var alike = Assert.Throws<SnapshotException>(() => SnapshotLoader.FromTargets(
            [Target("111111111111", "eu-west-1", nine), Target("111111111111", "eu-west-1", nine)], "poll"));
        var unnamed = Assert.Throws<SnapshotException>(() => SnapshotLoader.FromTargets(
            [Target("111111111111", "eu-west-1", nine), SnapshotLoader.FromConnections([], capturedAt: nine)], "poll"));

        Assert.Equal("poll: Targets[1] was captured at 2026-03-02T09:00:01Z, Targets[0] at 2026-03-02T09:00:00Z: "
            + "the targets of one poll share one CapturedAt", apart.Message);
        Assert.Equal("poll: Targets[1] repeats 111111111111:eu-west-1 of Targets[0]: one poll lists each account and region once", alike.Message);
        Assert.Equal("poll: Targets[1] has no AccountId", unnamed.Message);
    }

    [Fact]
    public void LoadPoll_OfTheMultiTargetSample_HoldsTwoAccountsTimesTwoRegions()
    {
        var poll = SnapshotLoader.LoadPoll(Path.Combine(Testing.RepositoryPaths.Events, "multi-target", "2026-03-02T0905Z.json"));

        Assert.Equal(["111111111111:eu-west-1", "111111111111:us-east-1", "222222222222:eu-west-1", "222222222222:us-east-1"],
            poll.Targets.Select(target => target.TargetName));
    }
}
