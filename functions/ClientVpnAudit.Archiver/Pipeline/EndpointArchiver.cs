using Amazon.EC2;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Ec2;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>Archives one endpoint: every page of its connections, then the sessions it no longer lists.</summary>
internal sealed class EndpointArchiver(
    IAmazonEC2 ec2,
    SessionStore store,
    ArchiverOptions options,
    RunBudget budget,
    RunTally tally,
    JsonLog log)
{
    /// <summary>Writes in flight per endpoint: enough to hide DynamoDB's latency, few enough to stay polite.</summary>
    private const int WritesInFlight = 8;

    /// <summary>How often a write refused by its condition is decided again on a fresh read before it counts as stale.</summary>
    private const int WriteAttempts = 3;

    private const string EndpointNotFoundCode = "InvalidClientVpnEndpointId.NotFound";

    /// <param name="listingTime">The instant the first page is requested (the poll's clock); null when unknown.</param>
    /// <returns>How many connections the complete listing held.</returns>
    public async Task<int> ArchiveAsync(string endpointId, string? listingTime)
    {
        var applied = new Dictionary<string, ObservedSession>(StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await foreach (var page in ConnectionPages.ReadAsync(ec2, endpointId, budget.MayStartWork, budget.Token))
            {
                tally.AddPage(page.Count);
                var observed = new Dictionary<string, ObservedSession>(StringComparer.Ordinal);
                foreach (var connection in page)
                {
                    if (!string.IsNullOrWhiteSpace(connection.ConnectionId))
                    {
                        listed.Add(connection.ConnectionId.Trim());
                    }

                    if (Map(connection, endpointId) is { } session)
                    {
                        observed[session.ConnectionId] = observed.TryGetValue(session.ConnectionId, out var seen)
                            ? UpsertDecision.Latest(seen, session)
                            : session;
                    }
                }

                await ApplyAsync(NotAppliedYet(observed.Values, applied));
            }
        }
        catch (AmazonEC2Exception notFound) when (notFound.ErrorCode == EndpointNotFoundCode)
        {
            // The endpoint is gone: nothing it held is still connected. Close its sessions, then report the failure.
            await MarkLostAsync(endpointId, listed: [], listingTime);
            throw;
        }

        await MarkLostAsync(endpointId, listed, listingTime);
        return listed.Count;
    }

    private ObservedSession? Map(Amazon.EC2.Model.ClientVpnConnection connection, string endpointId)
    {
        var mapping = ConnectionMapper.Map(connection, endpointId, options.Target);
        if (mapping.Session is not { } session)
        {
            tally.AddMalformed();
            log.Warn("malformed connection skipped", ("endpointId", endpointId), ("reason", mapping.MalformedReason));
            return null;
        }

        if (mapping.Warnings.Count > 0)
        {
            tally.AddWarnings(mapping.Warnings.Count);
            log.Warn("connection archived with warnings", ("connectionId", session.ConnectionId),
                ("warnings", string.Join("; ", mapping.Warnings)));
        }

        return session;
    }

    /// <summary>A connection listed again on a later page of the same listing was already applied, unless this says more.</summary>
    private List<ObservedSession> NotAppliedYet(IEnumerable<ObservedSession> sessions, Dictionary<string, ObservedSession> applied)
    {
        var fresh = new List<ObservedSession>();
        foreach (var session in sessions)
        {
            if (applied.TryGetValue(session.ConnectionId, out var earlier) && ReferenceEquals(UpsertDecision.Latest(earlier, session), earlier))
            {
                tally.AddUnchanged();
                continue;
            }

            applied[session.ConnectionId] = session;
            fresh.Add(session);
        }

        return fresh;
    }

    private async Task ApplyAsync(IReadOnlyList<ObservedSession> sessions)
    {
        if (sessions.Count == 0)
        {
            return;
        }

        var stored = await store.ReadAsync(sessions.Select(session => session.ConnectionId), budget.Token);
        var writes = new List<(ObservedSession Session, StoredSession? Stored, UpsertAction Action)>();
        foreach (var session in sessions)
        {
            var before = stored.GetValueOrDefault(session.ConnectionId);
            var action = Decide(session, before);
            if (action is UpsertAction.Insert or UpsertAction.Update)
            {
                writes.Add((session, before, action));
            }
            else
            {
                Count(action);
            }
        }

        await Parallel.ForEachAsync(writes, Parallelism(), async (write, cancellationToken) =>
            Count(await WriteAsync(write.Session, write.Stored, write.Action, cancellationToken)));
    }

    /// <summary>
    /// Writes a session as decided. When another writer got there first, the condition refuses the write: the item is
    /// read again (consistently) and the decision made again, so an observed end still lands after a race.
    /// </summary>
    /// <returns>What happened: the action written, or Stale when the store kept refusing.</returns>
    private async Task<UpsertAction> WriteAsync(ObservedSession session, StoredSession? stored, UpsertAction action, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await store.UpsertAsync(session, stored, options.RetentionDays, cancellationToken))
            {
                return action;
            }

            if (attempt == WriteAttempts)
            {
                return UpsertAction.Stale;
            }

            stored = (await store.ReadAsync([session.ConnectionId], cancellationToken, consistent: true)).GetValueOrDefault(session.ConnectionId);
            action = Decide(session, stored);
            if (action is not (UpsertAction.Insert or UpsertAction.Update))
            {
                // Someone else wrote this or newer news: refused, hence stale.
                return UpsertAction.Stale;
            }
        }
    }

    private UpsertAction Decide(ObservedSession session, StoredSession? stored) =>
        UpsertDecision.Decide(session, stored, TimeSpan.FromMinutes(options.ActiveRefreshMinutes));

    private void Count(UpsertAction action)
    {
        switch (action)
        {
            case UpsertAction.Insert: tally.AddInserted(); break;
            case UpsertAction.Update: tally.AddUpdated(); break;
            case UpsertAction.Unchanged: tally.AddUnchanged(); break;
            default: tally.AddStale(); break;
        }
    }

    private async Task MarkLostAsync(string endpointId, HashSet<string> listed, string? listingTime)
    {
        if (listingTime is null)
        {
            return;
        }

        var candidates = (await store.NotEndedAsync(endpointId, budget.Token))
            .Where(connectionId => !listed.Contains(connectionId))
            .ToList();
        await LostSessions.MarkAsync(store, candidates, listingTime, tally, log, Parallelism());
    }

    private ParallelOptions Parallelism() => new() { MaxDegreeOfParallelism = WritesInFlight, CancellationToken = budget.Token };
}
