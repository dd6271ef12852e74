using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Tests.Integration;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Archiver.Tests.Properties;

/// <summary>
/// Replays a history through the archiver on a table of its own, checks the archive's invariants, replays the whole
/// history again and checks that nothing changed. Fails with every violation and the history, ready to rebuild.
/// </summary>
internal static class HistoryCheck
{
    /// <returns>The stored items after the first replay, for examples that pin more than the invariants.</returns>
    public static async Task<IReadOnlyDictionary<string, Dictionary<string, AttributeValue>>> ReplayTwiceAndCheckAsync(
        DynaliteFixture dynalite, History history)
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, SnapshotLoader.FromConnections([], []));
        var replay = new HistoryReplay(harness, history);
        var problems = new List<string>();

        problems.AddRange(await replay.PlayAsync());
        var afterFirst = await harness.ItemsAsync();
        problems.AddRange(ArchiveInvariants.Check(history, replay.ServedEnds, afterFirst));

        problems.AddRange(await replay.PlayAsync());
        var afterSecond = await harness.ItemsAsync();
        problems.AddRange(StoredItems.Differences(afterFirst, afterSecond)
            .Select(difference => "replaying the same history again must change nothing: " + difference));

        if (problems.Count > 0)
        {
            Assert.Fail(string.Join("\n", problems.Distinct()) + "\n" + history);
        }

        return afterFirst;
    }
}
