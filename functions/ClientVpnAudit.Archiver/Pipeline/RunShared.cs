using ClientVpnAudit.Archiver.Storage;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>What every planner and worker of one run adds to: the budget, the counts, the failures.</summary>
internal sealed record RunShared(RunBudget Budget, DynamoDbUsage Usage, RunTally Tally, SessionStore Store, EndpointStateStore? EndpointState)
{
    public System.Collections.Concurrent.ConcurrentBag<EndpointFailure> Failures { get; } = [];
}

