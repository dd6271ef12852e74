using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Bench.Scenarios;
using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Bench.FanOut;

/// <summary>
/// A scenario's listing as a poll of several targets (2 accounts x 2 regions): the endpoints in equal consecutive
/// blocks, one block per target, every connection with its endpoint.
/// </summary>
internal static class FanOutListing
{
    public static IReadOnlyList<Target> Targets { get; } =
    [
        new("111111111111", "eu-west-1"),
        new("111111111111", "us-east-1"),
        new("222222222222", "eu-west-1"),
        new("222222222222", "us-east-1"),
    ];

    public static SnapshotPoll Of(IReadOnlyList<SnapshotConnection> listing, ScenarioSpec spec, DateTimeOffset pollTime)
    {
        var targetOf = Enumerable.Range(0, spec.Endpoints)
            .ToDictionary(ScenarioGenerator.EndpointId, index => index * Targets.Count / spec.Endpoints, StringComparer.Ordinal);
        var byTarget = listing.GroupBy(connection => targetOf[connection.ClientVpnEndpointId]).ToDictionary(group => group.Key, group => group.ToList());
        return SnapshotLoader.FromTargets(Targets.Select((target, index) => SnapshotLoader.FromConnections(
            byTarget.GetValueOrDefault(index) ?? [], capturedAt: pollTime, accountId: target.AccountId, region: target.Region)));
    }
}
