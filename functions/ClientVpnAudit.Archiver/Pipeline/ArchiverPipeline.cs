using Amazon.DynamoDBv2;
using Amazon.EC2;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Ec2;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>
/// One archiver run, knowing nothing about Lambda: list the endpoints, archive a few at once, report. The Lambda
/// handler, the CLI and the tests all run exactly this.
/// </summary>
public sealed class ArchiverPipeline(IAmazonEC2 ec2, IAmazonDynamoDB dynamoDb, ArchiverOptions options, JsonLog log)
{
    public async Task<RunSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var startedAt = DateTimeOffset.UtcNow;
        using var budget = new RunBudget(options.TimeBudget, cancellationToken);
        var usage = new DynamoDbUsage();
        var tally = new RunTally();
        var failures = new System.Collections.Concurrent.ConcurrentBag<EndpointFailure>();

        EndpointListing listing;
        try
        {
            listing = await EndpointDiscovery.ListAsync(ec2, options.EndpointIds, budget.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = "could not list Client VPN endpoints: " + FailureReasons.Describe(exception);
            log.Error("run failed", ("reason", reason));
            return Summarize(startedAt, budget, usage, tally, 0, 0, [], reason);
        }

        var store = new SessionStore(dynamoDb, options.TableName, usage);
        var archiver = new EndpointArchiver(ec2, store, options, budget, tally, log, startedAt);
        await Parallel.ForEachAsync(listing.EndpointIds, new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency },
            async (endpointId, _) =>
            {
                try
                {
                    if (!budget.MayStartWork())
                    {
                        throw new TimeBudgetExceededException($"time budget reached before {endpointId} was polled");
                    }

                    await archiver.ArchiveAsync(endpointId);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    var failure = new EndpointFailure(endpointId, FailureReasons.Describe(exception));
                    failures.Add(failure);
                    log.Error("endpoint failed", ("endpointId", failure.EndpointId), ("reason", failure.Reason));
                }
            });

        cancellationToken.ThrowIfCancellationRequested();
        var ordered = failures.OrderBy(failure => failure.EndpointId, StringComparer.Ordinal).ToArray();
        return Summarize(startedAt, budget, usage, tally, listing.EndpointIds.Count, listing.Pages, ordered, error: null);
    }

    private static RunSummary Summarize(DateTimeOffset startedAt, RunBudget budget, DynamoDbUsage usage, RunTally tally,
        int endpoints, int endpointPages, IReadOnlyList<EndpointFailure> failures, string? error) => new()
    {
        StartedAt = AuditTime.Format(startedAt),
        Succeeded = error is null && failures.Count == 0,
        Error = error,
        EndpointsPolled = endpoints,
        EndpointsFailed = failures.Count,
        Failures = failures,
        EndpointPages = endpointPages,
        Pages = tally.Pages,
        ConnectionsSeen = tally.ConnectionsSeen,
        SessionsInserted = tally.Inserted,
        SessionsUpdated = tally.Updated,
        SessionsUnchanged = tally.Unchanged,
        SessionsStale = tally.Stale,
        SessionsMarkedLost = tally.MarkedLost,
        MalformedConnections = tally.Malformed,
        CounterWarnings = tally.CounterWarnings,
        DynamoDbRequests = usage.Requests,
        ReadCapacityUnits = usage.ReadUnits,
        WriteCapacityUnits = usage.WriteUnits,
        DurationMilliseconds = (long)budget.Elapsed.TotalMilliseconds,
    };
}
