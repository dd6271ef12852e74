using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Archiver.Tests.Queue;

/// <summary>
/// Two polls of the multi-target sample (2 accounts x 2 regions) through the planner, the work queue (moto_server) and
/// the workers, with a fifth target whose account the emulator does not know (as AWS refuses a role it cannot assume).
/// </summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class SqsMultiTargetTests(DynaliteFixture dynalite, MotoServer moto) : IClassFixture<DynaliteFixture>, IClassFixture<MotoServer>
{
    private static readonly string Polls = Path.Combine(RepositoryPaths.Events, "multi-target");
    private static readonly Target Denied = new("333333333333", "eu-west-1");
    private const string DeletedEndpoint = "cvpn-endpoint-0b2e000000000e202";

    [MotoFact]
    public async Task TwoPolls_ArchiveEveryTargetUnderItsAccountAndRegion_ReportTheDeniedOne_AndCloseADeletedEndpointOnlyInItsTarget()
    {
        var first = SnapshotLoader.LoadPoll(Path.Combine(Polls, "2026-03-02T0900Z.json"));
        var second = SnapshotLoader.LoadPoll(Path.Combine(Polls, "2026-03-02T0905Z.json"));
        var targets = first.Targets.Select(target => new Target(target.AccountId!, target.Region!)).Append(Denied).ToArray();
        await using var world = await SqsWorld.StartAsync(dynalite, moto, first.Targets[0], options => options with { Targets = targets });
        world.Harness.Emulator.Serve(first);
        world.Harness.Clock.SetUtcNow(DateTimeOffset.Parse("2026-03-02T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var planned = await world.PlanAsync();
        Assert.Empty(await world.DrainAsync());

        Assert.StartsWith("333333333333:eu-west-1: could not list Client VPN endpoints: AuthFailure", planned.Error, StringComparison.Ordinal);
        Assert.Equal(5, planned.EndpointsQueued);
        var items = await world.Harness.ItemsAsync();
        Assert.Equal(first.Targets.Sum(target => target.Connections.Count), items.Count);
        foreach (var target in first.Targets)
        {
            var ids = target.Connections.Select(connection => connection.ConnectionId!).ToList();
            Assert.All(ids, id => Assert.Equal((target.AccountId, target.Region), (items[id]["AccountId"].S, items[id]["Region"].S)));
        }

        world.Harness.Emulator.Serve(second);
        world.Harness.Clock.SetUtcNow(DateTimeOffset.Parse("2026-03-02T09:05:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await world.PlanAsync();
        Assert.Empty(await world.DrainAsync());

        var after = await world.Harness.ItemsAsync();
        var closed = after.Values.Where(item => item.ContainsKey("MissingSince")).ToList();
        var lost = Assert.Single(closed);
        Assert.Equal((DeletedEndpoint, "222222222222", "eu-west-1", "2026-03-02T09:05:00Z"),
            (lost["ClientVpnEndpointId"].S, lost["AccountId"].S, lost["Region"].S, lost["MissingSince"].S));
    }
}
