using Amazon.DynamoDBv2;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>What every planner and worker of one run adds to: the budget, the counts, the failures.</summary>
/// <param name="Own">The deployment's own account and region.</param>
internal sealed record RunShared(RunBudget Budget, DynamoDbUsage Usage, RunTally Tally, SessionStore Store, EndpointStateStore? EndpointState, Target Own)
{
    public System.Collections.Concurrent.ConcurrentBag<EndpointFailure> Failures { get; } = [];

    /// <summary>Read once per run by the first planner that closes gone endpoints.</summary>
    public OpenSessions OpenSessions { get; } = new(Store, Own, Budget.Token);

    public static RunShared Create(IAmazonDynamoDB dynamoDb, ArchiverOptions options, RunBudget budget)
    {
        var usage = new DynamoDbUsage();
        return new RunShared(budget, usage, new RunTally(), new SessionStore(dynamoDb, options.TableName, usage),
            options.EndpointTableName is { } endpointTable ? new EndpointStateStore(dynamoDb, endpointTable, usage) : null, options.Target);
    }

    /// <param name="endpointsPolled">The endpoints this run listed (a planner) or archived (a worker alone).</param>
    /// <param name="error">Why the run failed outside any one endpoint; null when it did not.</param>
    public RunSummary Summarize(DateTimeOffset startedAt, PollContext context, int endpointsPolled, int endpointPages, string? error)
    {
        var failures = Failures.OrderBy(failure => failure.EndpointId, StringComparer.Ordinal).ToArray();
        return new RunSummary
        {
            StartedAt = AuditTime.Format(startedAt),
            Succeeded = error is null && failures.Length == 0,
            Error = error,
            NothingMarkedLostBecause = context.Clock is null ? context.NoClockReason ?? "the poll's time is unknown" : null,
            EndpointsPolled = endpointsPolled,
            EndpointsFailed = failures.Length,
            Failures = failures,
            EndpointPages = endpointPages,
            Pages = Tally.Pages,
            ConnectionsSeen = Tally.ConnectionsSeen,
            SessionsInserted = Tally.Inserted,
            SessionsUpdated = Tally.Updated,
            SessionsUnchanged = Tally.Unchanged,
            SessionsStale = Tally.Stale,
            SessionsMarkedLost = Tally.MarkedLost,
            MalformedConnections = Tally.Malformed,
            Warnings = Tally.Warnings,
            StaleWorkDropped = Tally.StaleWorkDropped,
            DynamoDbRequests = Usage.Requests,
            ReadCapacityUnits = Usage.ReadUnits,
            WriteCapacityUnits = Usage.WriteUnits,
            DurationMilliseconds = (long)Budget.Elapsed.TotalMilliseconds,
        };
    }
}
