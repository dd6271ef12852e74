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
            return Summarize(startedAt, budget, usage, tally, new EndpointListing([], 0, false, new Dictionary<string, string>()), [], reason);
        }

        var store = new SessionStore(dynamoDb, options.TableName, usage);
        var archiver = new EndpointArchiver(ec2, store, options, budget, tally, log);
        var endpointState = options.EndpointTableName is { } endpointTable ? new EndpointStateStore(dynamoDb, endpointTable, usage) : null;
        await Parallel.ForEachAsync(listing.EndpointIds, new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency },
            async (endpointId, _) =>
            {
                try
                {
                    if (!budget.MayStartWork())
                    {
                        throw new TimeBudgetExceededException($"time budget reached before {endpointId} was polled");
                    }

                    var attemptedAt = _context.ListingTime();
                    string? reason = null;
                    var listed = 0;
                    try
                    {
                        listed = await archiver.ArchiveAsync(endpointId, attemptedAt);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        reason = FailureReasons.Describe(exception);
                        throw;
                    }
                    finally
                    {
                        if (endpointState is not null && attemptedAt is not null)
                        {
                            await endpointState.RecordAsync(new EndpointAttempt(endpointId, options.Target, listing.Statuses.GetValueOrDefault(endpointId),
                                attemptedAt, Complete: reason is null, listed, reason), budget.Token);
                        }
                    }
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
                var gone = await CloseGoneEndpointsAsync(store, listing.EndpointIds, discoveryTime, tally, budget);
                if (endpointState is not null)
                {
                    await RecordGoneAsync(endpointState, listing, gone, discoveryTime, budget);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                error = "could not close the sessions of deleted endpoints: " + FailureReasons.Describe(exception);
                log.Error("run failed", ("reason", error));
            }
        }

        double? oldestAge = null;
        if (endpointState is not null && _context.Clock is { } clock && error is null)
        {
            oldestAge = await OldestCompleteListingAgeMinutesAsync(endpointState, listing.EndpointIds, clock, budget);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var ordered = failures.OrderBy(failure => failure.EndpointId, StringComparer.Ordinal).ToArray();
        return Summarize(startedAt, budget, usage, tally, listing, ordered, error) with { OldestCompleteListingAgeMinutes = oldestAge };
    }

    /// <summary>
    /// Endpoints discovery lists as deleted, and those whose sessions were closed because discovery no longer lists
    /// them, are recorded with that status, so they no longer count as live.
    /// </summary>
    private async Task RecordGoneAsync(EndpointStateStore endpointState, EndpointListing listing, IReadOnlyCollection<string> gone,
        string discoveryTime, RunBudget budget)
    {
        var deleted = listing.Statuses.Where(status => status.Value == EndpointDiscovery.DeletedStatus).Select(status => status.Key);
        foreach (var endpointId in deleted.Union(gone, StringComparer.Ordinal))
        {
            var status = listing.Statuses.GetValueOrDefault(endpointId) ?? EndpointStateTable.GoneStatus;
            await endpointState.RecordAsync(new EndpointAttempt(endpointId, options.Target, status, discoveryTime, Complete: false, 0, Error: null),
                budget.Token);
        }
    }

    /// <summary>
    /// How long ago the least recently completed of the polled endpoints was last listed completely (never completed:
    /// since its first attempt), on the poll's clock. The freshness alarm watches it.
    /// </summary>
    private static async Task<double?> OldestCompleteListingAgeMinutesAsync(EndpointStateStore endpointState, IReadOnlyList<string> polled,
        TimeProvider clock, RunBudget budget)
    {
        if (polled.Count == 0)
        {
            return null;
        }

        var states = await endpointState.ReadAsync(polled, budget.Token);
        var now = clock.GetUtcNow();
        var oldest = polled
            .Select(endpointId => states.GetValueOrDefault(endpointId) is { } state
                ? AuditTime.ParseStored(state.GetValueOrDefault(EndpointStateTable.LastCompleteListingAt)?.S
                    ?? state.GetValueOrDefault(EndpointStateTable.FirstAttemptAt)?.S)
                : null)
            .Select(completed => completed is { } at ? (now - at).TotalMinutes : 0)
            .Max();
        return Math.Round(Math.Max(0, oldest), 1);
    }

    /// <summary>
    /// After a complete discovery, a session not ended whose endpoint was not polled (no longer listed, or listed as
    /// deleted) has ended: it is marked lost at the discovery's time. Found with a Scan of the sparse index.
    /// </summary>
    /// <returns>The endpoints whose sessions were closed.</returns>
    private async Task<IReadOnlyCollection<string>> CloseGoneEndpointsAsync(SessionStore store, IReadOnlyList<string> polled, string listingTime,
        RunTally tally, RunBudget budget)
    {
        var polledIds = polled.ToHashSet(StringComparer.Ordinal);
        var unpolled = (await store.NotEndedEverywhereAsync(budget.Token))
            .Where(session => !polledIds.Contains(session.EndpointId))
            .ToList();

        // The index holds every target's open sessions: only this run's account and region may be closed.
        var ours = await store.EndpointsOfTargetAsync(
            unpolled.GroupBy(session => session.EndpointId).ToDictionary(group => group.Key, group => group.First().ConnectionId),
            options.Target, budget.Token);
        var orphans = unpolled.Where(session => ours.Contains(session.EndpointId)).ToList();
        foreach (var endpointId in ours)
        {
            log.Info("endpoint no longer listed: closing its sessions", ("endpointId", endpointId));
        }

        await LostSessions.MarkAsync(store, orphans.Select(session => session.ConnectionId), listingTime, tally, log,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = budget.Token });
        return orphans.Select(session => session.EndpointId).Distinct(StringComparer.Ordinal).ToArray();
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
