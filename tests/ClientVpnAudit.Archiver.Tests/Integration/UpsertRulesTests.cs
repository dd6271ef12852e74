using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Archiver.Tests.Integration.Connections;

namespace ClientVpnAudit.Archiver.Tests.Integration;

[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class UpsertRulesTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const string Endpoint = "cvpn-endpoint-0000000000000abcd";

    private static SnapshotConnection Alice(DateTime observedAt, long bytes = 100) =>
        Active("cvpn-connection-alice", Endpoint, observedAt, bytes: bytes, username: "alice");

    [Fact]
    public async Task Run_WithTheSameSnapshotTwice_ChangesAndWritesNothing()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(Many(Endpoint, 50, T0).ToArray()));
        await harness.RunAsync();
        var before = await harness.ItemsAsync();

        var second = await harness.RunAsync();

        Assert.Equal(0, second.SessionsInserted + second.SessionsUpdated + second.SessionsStale);
        Assert.Equal(50, second.SessionsUnchanged);
        Assert.Equal(0, second.WriteCapacityUnits);
        // One BatchGetItem of 50 keys, one Query for lost sessions, one Scan of the sparse index for deleted endpoints: no write sent.
        Assert.Equal(3, second.DynamoDbRequests);
        Assert.Equal(ArchiverHarness.Render(before), ArchiverHarness.Render(await harness.ItemsAsync()));
    }

    [Fact]
    public async Task Run_WithAnOlderSnapshotAfterANewerOne_ChangesNothing()
    {
        var newer = Terminated(Alice(T0), endedAt: T0.AddMinutes(9), observedAt: T0.AddMinutes(10));
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(newer));
        await harness.RunAsync();
        var before = await harness.ItemsAsync();

        var summary = await harness.RunAsync(Snapshot(Alice(T0.AddMinutes(5), bytes: 5)));

        Assert.Equal(1, summary.SessionsStale);
        Assert.Equal(3, summary.DynamoDbRequests); // the batched read, the lost-session Query and the deleted-endpoint Scan: no write sent
        Assert.Equal(ArchiverHarness.Render(before), ArchiverHarness.Render(await harness.ItemsAsync()));
        Assert.Equal("terminated", (await harness.ItemAsync("cvpn-connection-alice"))["Status"].S);
    }

    [Fact]
    public async Task Run_OnAnActiveSession_RewritesOnlyOnStatusChangeOrWhenRefreshIsDue()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(Alice(T0, bytes: 100)));
        Assert.Equal(1, (await harness.RunAsync()).SessionsInserted);

        var fiveMinutes = await harness.RunAsync(Snapshot(Alice(T0.AddMinutes(5), bytes: 200)));
        var tenMinutes = await harness.RunAsync(Snapshot(Alice(T0.AddMinutes(10), bytes: 300)));
        var afterFive = await harness.ItemAsync("cvpn-connection-alice");
        var fifteenMinutes = await harness.RunAsync(Snapshot(Alice(T0.AddMinutes(15), bytes: 400)));
        var afterFifteen = await harness.ItemAsync("cvpn-connection-alice");
        var statusChange = await harness.RunAsync(Snapshot(Terminated(Alice(T0, bytes: 450), T0.AddMinutes(19), T0.AddMinutes(20))));
        var afterEnd = await harness.ItemAsync("cvpn-connection-alice");

        Assert.Equal((0, 1), (fiveMinutes.SessionsUpdated, fiveMinutes.SessionsUnchanged));
        Assert.Equal((0, 1), (tenMinutes.SessionsUpdated, tenMinutes.SessionsUnchanged));
        Assert.Equal("100", afterFive["IngressBytes"].N);
        Assert.Equal(Stored(T0), afterFive["LastObservedAt"].S);
        Assert.Equal(1, fifteenMinutes.SessionsUpdated);
        Assert.Equal("400", afterFifteen["IngressBytes"].N);
        Assert.Equal(Stored(T0.AddMinutes(15)), afterFifteen["LastObservedAt"].S);
        Assert.Equal(1, statusChange.SessionsUpdated);
        Assert.Equal("terminated", afterEnd["Status"].S);
        Assert.Equal("450", afterEnd["IngressBytes"].N);
        Assert.Equal(Stored(T0.AddMinutes(19)), afterEnd["ConnectionEndTime"].S);
        Assert.Equal(Stored(T0), afterEnd["FirstObservedAt"].S);
        Assert.False(afterEnd.ContainsKey("ActiveEndpointId"));
        Assert.True(afterEnd["EndObserved"].BOOL);
    }

    [Fact]
    public async Task Run_OnATerminatedSession_WritesItOnlyOnce()
    {
        var ended = Terminated(Alice(T0), T0.AddMinutes(1), T0.AddMinutes(2));
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(ended));
        await harness.RunAsync();

        var later = await harness.RunAsync(Snapshot(ended with { Timestamp = Aws(T0.AddMinutes(40)) }));

        Assert.Equal(1, later.SessionsUnchanged);
        Assert.Equal(Stored(T0.AddMinutes(2)), (await harness.ItemAsync("cvpn-connection-alice"))["LastObservedAt"].S);
    }

    [Fact]
    public async Task Run_RecordsTheAccountAndRegionOfTheListing_AndFillsThemInOnRecordsThatPredateThem()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(Alice(T0)));
        var target = new Archiver.Sessions.Target("111111111111", "eu-west-1");
        await harness.RunAsync(options => options with { Target = target });
        Assert.Equal(("111111111111", "eu-west-1"), Where(await harness.ItemAsync("cvpn-connection-alice")));

        // A record written before records carried their target: the next poll fills it in, though nothing else changed.
        await harness.DynamoDb.UpdateItemAsync(new Amazon.DynamoDBv2.Model.UpdateItemRequest
        {
            TableName = harness.TableName,
            Key = new() { ["ConnectionId"] = new() { S = "cvpn-connection-alice" } },
            UpdateExpression = "REMOVE AccountId, #region",
            ExpressionAttributeNames = new() { ["#region"] = "Region" },
        });
        var summary = await harness.RunAsync(Snapshot(Alice(T0.AddMinutes(5))), options => options with { Target = target });

        Assert.Equal(1, summary.SessionsUpdated);
        Assert.Equal(("111111111111", "eu-west-1"), Where(await harness.ItemAsync("cvpn-connection-alice")));
    }

    private static (string?, string?) Where(Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> item) =>
        (item.GetValueOrDefault("AccountId")?.S, item.GetValueOrDefault("Region")?.S);

    [Fact]
    public async Task Run_WithRefreshZero_WritesEveryNewerPoll()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(Alice(T0)));
        await harness.RunAsync(options => options with { ActiveRefreshMinutes = 0 });

        var next = await harness.RunAsync(Snapshot(Alice(T0.AddMinutes(5), bytes: 999)), options => options with { ActiveRefreshMinutes = 0 });

        Assert.Equal(1, next.SessionsUpdated);
        Assert.Equal("999", (await harness.ItemAsync("cvpn-connection-alice"))["IngressBytes"].N);
    }

    [Fact]
    public async Task Run_WithAnUnparseableCounter_KeepsTheStoredValueAndWarns()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(Alice(T0, bytes: 100)));
        await harness.RunAsync();

        var summary = await harness.RunAsync(Snapshot(Alice(T0.AddMinutes(15), bytes: 500) with { IngressBytes = "n/a" }));

        var item = await harness.ItemAsync("cvpn-connection-alice");
        Assert.Equal(1, summary.Warnings);
        Assert.Equal("100", item["IngressBytes"].N);
        Assert.Equal("1000", item["EgressBytes"].N);
        Assert.Equal(Stored(T0.AddMinutes(15)), item["LastObservedAt"].S);
    }

    [Fact]
    public async Task Run_WithAnUnparseableCounterOnANewSession_LeavesItAbsentNotZero()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(Alice(T0) with { EgressPackets = "" }));

        var summary = await harness.RunAsync();

        Assert.Equal(1, summary.Warnings);
        Assert.False((await harness.ItemAsync("cvpn-connection-alice")).ContainsKey("EgressPackets"));
    }

    [Fact]
    public async Task Run_WithAMalformedConnection_SkipsItAndArchivesTheRest()
    {
        var noTimestamp = Alice(T0) with { ConnectionId = "cvpn-connection-broken", Timestamp = null };
        var noId = Alice(T0) with { ConnectionId = null };
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(noTimestamp, noId, Active("cvpn-connection-ok", Endpoint, T0)));

        var summary = await harness.RunAsync();

        Assert.True(summary.Succeeded);
        Assert.Equal(2, summary.MalformedConnections);
        Assert.Equal(1, summary.SessionsInserted);
        Assert.Equal(["cvpn-connection-ok"], (await harness.ItemsAsync()).Keys);
    }

    [Fact]
    public async Task Run_WithEmptyUsernameAndCommonName_WritesNoEmptyIndexKey()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(Alice(T0) with { Username = "", CommonName = "" }));

        await harness.RunAsync();

        var item = await harness.ItemAsync("cvpn-connection-alice");
        Assert.False(item.ContainsKey("Identity"));
        Assert.DoesNotContain(item.Values, value => value.S == string.Empty);
    }

    [Fact]
    public async Task Runs_RacingOnTheSameConnections_EndWithTheNewestState()
    {
        var older = Snapshot(Many(Endpoint, 200, T0.AddMinutes(5)).ToArray());
        var newer = Snapshot(Many(Endpoint, 200, T0.AddMinutes(30)).Select(connection => Terminated(connection, T0.AddMinutes(29), T0.AddMinutes(30))).ToArray());
        await using var harness = await ArchiverHarness.StartAsync(dynalite, older);
        await using var newerEmulator = await Ec2Emulator.StartAsync(newer);
        using var newerEc2 = AwsClients.Ec2(newerEmulator.Url);

        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(
                harness.RunAsync(options => options with { ActiveRefreshMinutes = 0 }),
                new ArchiverPipeline(newerEc2, harness.DynamoDb, harness.Options(), Reporting.JsonLog.Discard).RunAsync());
        }

        var items = await harness.ItemsAsync();
        Assert.Equal(200, items.Count);
        Assert.All(items.Values, item =>
        {
            Assert.Equal("terminated", item["Status"].S);
            Assert.Equal(Stored(T0.AddMinutes(30)), item["LastObservedAt"].S);
        });
    }
}
