using Amazon.EC2;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Ec2;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;
using ClientVpnAudit.Archiver.Work;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>What one target's part of a run found: its listing, and why it failed outside any one endpoint.</summary>
internal sealed record TargetOutcome(EndpointListing Listing, string? Error);

/// <summary>
/// The planning half of a run, for one target: list its endpoints, close the sessions of its endpoints that are gone,
/// and say which endpoints to archive, least recently completed first. Each becomes one <see cref="EndpointWork"/>.
/// <paramref name="options"/> carries the target.
/// </summary>
internal sealed class Planner(IAmazonEC2 ec2, ArchiverOptions options, PollContext context, RunShared shared, JsonLog log,
    CancellationToken cancellationToken)
{
    private static readonly EndpointListing NothingListed = new([], 0, false, new Dictionary<string, string>());

    /// <param name="runId">Names the run in every piece of work it plans.</param>
    public async Task<(TargetOutcome Outcome, IReadOnlyList<EndpointWork> Work)> PlanAsync(string runId)
    {
        var budget = shared.Budget;
        var discoveryTime = context.ListingTime();
        EndpointListing listing;
        try
        {
            listing = await EndpointDiscovery.ListAsync(ec2, options.EndpointIds, budget.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = "could not list Client VPN endpoints: " + FailureReasons.Describe(exception);
            log.Error("run failed", ("target", options.Target.ToString()), ("reason", reason));
            return (new TargetOutcome(NothingListed, reason), []);
        }

        string? error = null;
        if (listing.Discovered && context.EndpointListingIsComplete && discoveryTime is not null)
        {
            try
            {
                var gone = await CloseGoneEndpointsAsync(listing.EndpointIds, discoveryTime);
                if (shared.EndpointState is { } endpointState)
                {
                    await RecordGoneAsync(endpointState, listing, gone, discoveryTime);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                error = "could not close the sessions of deleted endpoints: " + FailureReasons.Describe(exception);
                log.Error("run failed", ("target", options.Target.ToString()), ("reason", error));
            }
        }

        var order = shared.EndpointState is { } state ? await state.LeastRecentlyCompletedFirstAsync(listing.EndpointIds, budget.Token) : listing.EndpointIds;
        var (target, plannedAt) = (options.Target, context.ListingTime());
        var work = order.Select(endpointId => new EndpointWork(target.AccountId, target.Region, endpointId,
            listing.Statuses.GetValueOrDefault(endpointId), runId, plannedAt)).ToList();
        return (new TargetOutcome(listing, error), work);
    }

    /// <summary>
    /// Endpoints discovery lists as deleted, and those whose sessions were closed because discovery no longer lists
    /// them, are recorded with that status, so they no longer count as live.
    /// </summary>
    private async Task RecordGoneAsync(EndpointStateStore endpointState, EndpointListing listing, IReadOnlyCollection<string> gone,
        string discoveryTime)
    {
        var deleted = listing.Statuses.Where(status => status.Value == EndpointDiscovery.DeletedStatus).Select(status => status.Key);
        foreach (var endpointId in deleted.Union(gone, StringComparer.Ordinal))
        {
            var status = listing.Statuses.GetValueOrDefault(endpointId) ?? EndpointStateTable.GoneStatus;
            await endpointState.RecordAsync(new EndpointAttempt(endpointId, options.Target, status, discoveryTime, Complete: false, 0, Error: null),
                shared.Budget.Token);
        }
    }

    /// <summary>
    /// After a complete discovery, a session not ended whose endpoint was not polled (no longer listed, or listed as
    /// deleted) has ended: it is marked lost at the discovery's time. Found with a Scan of the sparse index.
    /// </summary>
    /// <returns>The endpoints whose sessions were closed.</returns>
    private async Task<IReadOnlyCollection<string>> CloseGoneEndpointsAsync(IReadOnlyList<string> polled, string listingTime)
    {
        var (store, budget) = (shared.Store, shared.Budget);
        var polledIds = polled.ToHashSet(StringComparer.Ordinal);
        var unpolled = (await shared.OpenSessions.NotEndedAsync())
            .Where(session => !polledIds.Contains(session.EndpointId))
            .ToList();

        // The index holds every target's open sessions: only this target's may be closed.
        var ours = await shared.OpenSessions.EndpointsOfTargetAsync(unpolled, options.Target);
        var orphans = unpolled.Where(session => ours.Contains(session.EndpointId)).ToList();
        foreach (var endpointId in ours)
        {
            log.Info("endpoint no longer listed: closing its sessions", ("endpointId", endpointId));
        }

        await LostSessions.MarkAsync(store, orphans.Select(session => session.ConnectionId), listingTime, shared.Tally, log,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = budget.Token });
        return orphans.Select(session => session.EndpointId).Distinct(StringComparer.Ordinal).ToArray();
    }
}
