using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Archiver.Tests.Integration.Connections;

namespace ClientVpnAudit.Archiver.Tests.Integration;

/// <summary>
/// What DynamoDB does at scale or on a bad day, made to happen in front of the real local server: errors while a page
/// is applied, results in pages, keys left unprocessed.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class StoreFaultTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const string Endpoint = "cvpn-endpoint-00000000000000f17";

    [Fact]
    public async Task Run_WhenDynamoDbFailsWhileAPageIsApplied_MarksNothingLost_AndTheNextRunHeals()
    {
        var interceptor = new DynamoDbInterceptor();
        var bob = Active("cvpn-connection-bob", Endpoint, T0);
        var carol = Active("cvpn-connection-carol", Endpoint, T0);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(bob, carol), interceptor);
        await harness.RunAsync();
        var later = Snapshot(carol with { Timestamp = Aws(T0.AddMinutes(70)) }, Active("cvpn-connection-dave", Endpoint, T0.AddMinutes(70)));
        interceptor.FailNext("UpdateItem", count: 1000);

        var failed = await harness.PollAsync(T0.AddMinutes(70), later);

        Assert.False(failed.Succeeded);
        Assert.Contains("InternalServerError", Assert.Single(failed.Failures).Reason);
        Assert.Equal(0, failed.SessionsMarkedLost);
        Assert.Equal("active", (await harness.ItemAsync("cvpn-connection-bob"))["Status"].S);

        interceptor.FailNext("UpdateItem", count: 0);
        var healed = await harness.PollAsync(T0.AddMinutes(75), later);

        Assert.True(healed.Succeeded);
        Assert.Equal(1, healed.SessionsMarkedLost);
        var items = await harness.ItemsAsync();
        Assert.Equal(Stored(T0.AddMinutes(75)), items["cvpn-connection-bob"]["MissingSince"].S);
        Assert.Equal("active", items["cvpn-connection-dave"]["Status"].S);
        Assert.Equal(Stored(T0.AddMinutes(70)), items["cvpn-connection-carol"]["LastObservedAt"].S);
    }

    [Fact]
    public async Task Run_FollowsTheActiveByEndpointQueryAcrossLastEvaluatedKey()
    {
        var interceptor = new DynamoDbInterceptor();
        var sessions = Many(Endpoint, 7, T0).ToArray();
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(sessions), interceptor);
        await harness.RunAsync();
        interceptor.PageSize = 2;
        var requestsBefore = interceptor.Requests.Count;

        var summary = await harness.PollAsync(T0.AddMinutes(70), SnapshotLoader.FromConnections([], [new SnapshotEndpoint(Endpoint)]));

        Assert.Equal(7, summary.SessionsMarkedLost);
        var queries = interceptor.Requests.Skip(requestsBefore).Where(request => request.Operation == "Query").Select(request => request.Body).ToList();
        Assert.Equal(4, queries.Count);
        Assert.All(queries, query => Assert.Equal(SessionTable.ActiveByEndpoint.Name, (string?)query["IndexName"]));
        Assert.Equal(3, queries.Count(query => query["ExclusiveStartKey"] is not null));
    }

    [Fact]
    public async Task Run_ScansOnlyTheSparseIndexAcrossLastEvaluatedKey_ToCloseAGoneEndpoint()
    {
        const string gone = "cvpn-endpoint-0000000000000dead";
        var interceptor = new DynamoDbInterceptor();
        var sessions = Many(gone, 5, T0).Concat(Many(Endpoint, 2, T0)).ToArray();
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(sessions), interceptor);
        await harness.RunAsync();
        interceptor.PageSize = 2;
        var requestsBefore = interceptor.Requests.Count;

        var summary = await harness.PollAsync(T0.AddMinutes(5), SnapshotLoader.FromConnections(
            Many(Endpoint, 2, T0.AddMinutes(5)), [new SnapshotEndpoint(Endpoint)]));

        Assert.Equal(5, summary.SessionsMarkedLost);
        var scans = interceptor.Requests.Skip(requestsBefore).Where(request => request.Operation == "Scan").Select(request => request.Body).ToList();
        Assert.Equal(4, scans.Count); // 7 open sessions in pages of 2
        Assert.All(scans, scan => Assert.Equal(SessionTable.ActiveByEndpoint.Name, (string?)scan["IndexName"]));
        Assert.Equal(scans.Count - 1, scans.Count(scan => scan["ExclusiveStartKey"] is not null));
    }

    [Fact]
    public async Task Run_RetriesUnprocessedKeysUntilEveryStoredSessionIsRead()
    {
        var interceptor = new DynamoDbInterceptor();
        var sessions = Many(Endpoint, 50, T0).ToArray();
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(sessions), interceptor);
        await harness.RunAsync();
        var before = ArchiverHarness.Render(await harness.ItemsAsync());
        interceptor.LeaveKeysUnprocessed(rounds: 2);
        var requestsBefore = interceptor.Requests.Count;

        var summary = await harness.RunAsync();

        // Unread keys would look like new sessions and be written again: every one must be read, over three rounds.
        Assert.Equal((0, 50), (summary.SessionsInserted, summary.SessionsUnchanged));
        var batchGets = interceptor.Requests.Skip(requestsBefore).Where(request => request.Operation == "BatchGetItem").ToList();
        Assert.Equal([50, 25, 12], batchGets.Select(request => request.Body["RequestItems"]![harness.TableName]!["Keys"]!.AsArray().Count));
        Assert.DoesNotContain(interceptor.Requests.Skip(requestsBefore), request => request.Operation == "UpdateItem");
        Assert.Equal(before, ArchiverHarness.Render(await harness.ItemsAsync()));
    }
}
