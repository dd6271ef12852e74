using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Archiver.Tests.Integration;

/// <summary>One run over several targets: each archived with its own client, a failing one reported while the others go on.</summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class MultiTargetRunTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private static readonly string Sample = Path.Combine(RepositoryPaths.Events, "multi-target", "2026-03-02T0900Z.json");
    private static readonly Target EuOne = new("111111111111", "eu-west-1");
    private static readonly Target UsTwo = new("222222222222", "us-east-1");

    [Fact]
    public async Task Run_OverSeveralTargets_ArchivesEachWithItsOwnAccountAndRegion_AndReportsOneThatFails()
    {
        var poll = SnapshotLoader.LoadPoll(Sample);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, poll.Targets[0]);
        harness.Emulator.Serve(poll);
        var unknown = new Target("333333333333", "eu-west-1");
        var clients = new Dictionary<Target, Amazon.EC2.IAmazonEC2>();
        var pipeline = new ArchiverPipeline(target => clients.TryGetValue(target, out var client) ? client : clients[target] = AwsClients.Ec2(harness.Emulator.Url, target),
            harness.DynamoDb, harness.Options(options => options with { Targets = [EuOne, unknown, UsTwo] }), JsonLog.Discard,
            new PollContext { Clock = harness.Clock });

        var summary = await pipeline.RunAsync();

        Assert.False(summary.Succeeded);
        Assert.StartsWith("333333333333:eu-west-1: could not list Client VPN endpoints: AuthFailure", summary.Error, StringComparison.Ordinal);
        var items = (await harness.ItemsAsync()).Values.ToList();
        Assert.NotEmpty(items);
        Assert.All(items, item => Assert.Contains((item["AccountId"].S, item["Region"].S), new[] { ("111111111111", "eu-west-1"), ("222222222222", "us-east-1") }));
        Assert.Contains(items, item => item["AccountId"].S == "111111111111");
        Assert.Contains(items, item => item["AccountId"].S == "222222222222");
        var archived = poll.Targets.Where(target => (target.AccountId, target.Region) is ("111111111111", "eu-west-1") or ("222222222222", "us-east-1"));
        Assert.Equal(archived.Sum(target => target.Connections.Count), items.Count);
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task Run_OverSeveralTargets_ScansTheIndexOfOpenSessionsOnce_NotOncePerTarget()
    {
        var first = SnapshotLoader.LoadPoll(Sample);
        var second = SnapshotLoader.LoadPoll(Path.Combine(RepositoryPaths.Events, "multi-target", "2026-03-02T0905Z.json"));
        var interceptor = new DynamoDbInterceptor();
        await using var harness = await ArchiverHarness.StartAsync(dynalite, first.Targets[0], interceptor);
        var targets = first.Targets.Select(target => new Target(target.AccountId!, target.Region!)).ToArray();
        var clients = targets.ToDictionary(target => target, target => AwsClients.Ec2(harness.Emulator.Url, target));
        ArchiverPipeline Pipeline() => new(target => clients[target], harness.DynamoDb, harness.Options(options => options with { Targets = targets }),
            JsonLog.Discard, new PollContext { Clock = harness.Clock });
        harness.Emulator.Serve(first);
        harness.Clock.SetUtcNow(first.CapturedAt!.Value);
        await Pipeline().RunAsync();
        harness.Emulator.Serve(second);
        harness.Clock.SetUtcNow(second.CapturedAt!.Value);
        var before = interceptor.Requests.Count;

        var summary = await Pipeline().RunAsync();

        Assert.True(summary.Succeeded, summary.Error);
        var requests = interceptor.Requests.Skip(before).ToList();
        Assert.Single(requests, request => request.Operation == "Scan");
        Assert.Equal(1, summary.SessionsMarkedLost);
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    [Fact]
    public async Task Run_OverSeveralTargets_LeavesARecordWithoutAccountIdToTheOwnTarget_NotToTheFirstTargetThatDoesNotListIt()
    {
        var poll = SnapshotLoader.LoadPoll(Sample);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, poll.Targets[0]);
        harness.Emulator.Serve(poll);
        harness.Clock.SetUtcNow(poll.CapturedAt!.Value);
        var clients = new[] { EuOne, UsTwo }.ToDictionary(target => target, target => AwsClients.Ec2(harness.Emulator.Url, target));
        ArchiverPipeline Pipeline(params Target[] targets) => new(target => clients[target], harness.DynamoDb,
            harness.Options(options => options with { Target = EuOne, Targets = targets }), JsonLog.Discard, new PollContext { Clock = harness.Clock });
        await Pipeline(EuOne).RunAsync();
        var ownSessions = (await harness.ItemsAsync()).Keys.ToList();
        foreach (var connectionId in ownSessions)
        {
            // As the archiver wrote records before they carried their account and region.
            await harness.DynamoDb.UpdateItemAsync(new Amazon.DynamoDBv2.Model.UpdateItemRequest
            {
                TableName = harness.TableName,
                Key = new() { ["ConnectionId"] = new Amazon.DynamoDBv2.Model.AttributeValue(connectionId) },
                UpdateExpression = "REMOVE AccountId, #region",
                ExpressionAttributeNames = new() { ["#region"] = "Region" },
            });
        }

        harness.Clock.Advance(TimeSpan.FromMinutes(5));
        var summary = await Pipeline(UsTwo, EuOne).RunAsync();

        Assert.True(summary.Succeeded, summary.Error);
        Assert.Equal(0, summary.SessionsMarkedLost);
        var items = await harness.ItemsAsync();
        Assert.All(ownSessions, connectionId => Assert.False(items[connectionId].ContainsKey("MissingSince"), $"{connectionId} was closed"));
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }
}
