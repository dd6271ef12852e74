using Amazon.DynamoDBv2;
using Amazon.EC2;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Ec2;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>
/// One archiver run, knowing nothing about Lambda: list the endpoints, archive a few at once, close the sessions of
/// endpoints that are gone, report. The Lambda handler, the CLI and the tests all run exactly this.
/// </summary>
public sealed class ArchiverPipeline(IAmazonEC2 ec2, IAmazonDynamoDB dynamoDb, ArchiverOptions options, JsonLog log, PollContext? context = null)
{
    private readonly PollContext _context = context ?? PollContext.Live;

    public async Task<RunSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var startedAt = (_context.Clock ?? TimeProvider.System).GetUtcNow();
        using var budget = new RunBudget(options.TimeBudget, cancellationToken);
        var usage = new DynamoDbUsage();
        var tally = new RunTally();
        var failures = new System.Collections.Concurrent.ConcurrentBag<EndpointFailure>();

        var discoveryTime = _context.ListingTime();
        EndpointListing listing;
        try
        {
            listing = await EndpointDiscovery.ListAsync(ec2, options.EndpointIds, budget.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = "could not list Client VPN endpoints: " + FailureReasons.Describe(exception);
            log.Error("run failed", ("reason", reason));
            return Summarize(startedAt, budget, usage, tally, new EndpointListing([], 0, false), [], reason);
        }

        var store = new SessionStore(dynamoDb, options.TableName, usage);
        var archiver = new EndpointArchiver(ec2, store, options, _context, budget, tally, log);
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

        string? error = null;
        if (listing.Discovered && _context.EndpointListingIsComplete && discoveryTime is not null)
        {
            try
            {
                await CloseGoneEndpointsAsync(store, listing.EndpointIds, discoveryTime, tally, budget);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                error = "could not close the sessions of deleted endpoints: " + FailureReasons.Describe(exception);
                log.Error("run failed", ("reason", error));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var ordered = failures.OrderBy(failure => failure.EndpointId, StringComparer.Ordinal).ToArray();
        return Summarize(startedAt, budget, usage, tally, listing, ordered, error);
    }

    /// <summary>
    /// After a complete discovery, a session not ended whose endpoint was not polled (no longer listed, or listed as
    /// deleted) has ended: it is marked lost at the discovery's time. Found with a Scan of the sparse index.
    /// </summary>
    private async Task CloseGoneEndpointsAsync(SessionStore store, IReadOnlyList<string> polled, string listingTime, RunTally tally, RunBudget budget)
    {
        var polledIds = polled.ToHashSet(StringComparer.Ordinal);
        var orphans = (await store.NotEndedEverywhereAsync(budget.Token))
            .Where(session => !polledIds.Contains(session.EndpointId))
            .ToList();
        foreach (var endpointId in orphans.Select(session => session.EndpointId).Distinct(StringComparer.Ordinal))
        {
            log.Info("endpoint no longer listed: closing its sessions", ("endpointId", endpointId));
        }

        await LostSessions.MarkAsync(store, orphans.Select(session => session.ConnectionId), listingTime, tally, log,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = budget.Token });
    }

    private RunSummary Summarize(DateTimeOffset startedAt, RunBudget budget, DynamoDbUsage usage, RunTally tally,
        EndpointListing listing, IReadOnlyList<EndpointFailure> failures, string? error) => new()
        {
            StartedAt = AuditTime.Format(startedAt),
            Succeeded = error is null && failures.Count == 0,
            Error = error,
            NothingMarkedLostBecause = _context.Clock is null ? _context.NoClockReason ?? "the poll's time is unknown" : null,
            EndpointsPolled = listing.EndpointIds.Count,
            EndpointsFailed = failures.Count,
            Failures = failures,
            EndpointPages = listing.Pages,
            Pages = tally.Pages,
            ConnectionsSeen = tally.ConnectionsSeen,
            SessionsInserted = tally.Inserted,
            SessionsUpdated = tally.Updated,
            SessionsUnchanged = tally.Unchanged,
            SessionsStale = tally.Stale,
            SessionsMarkedLost = tally.MarkedLost,
            MalformedConnections = tally.Malformed,
            Warnings = tally.Warnings,
            DynamoDbRequests = usage.Requests,
            ReadCapacityUnits = usage.ReadUnits,
            WriteCapacityUnits = usage.WriteUnits,
            DurationMilliseconds = (long)budget.Elapsed.TotalMilliseconds,
        };
}
