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
    JsonLog log,
    DateTimeOffset runStartedAt)
{
    /// <summary>Writes in flight per endpoint: enough to hide DynamoDB's latency, few enough to stay polite.</summary>
    private const int WritesInFlight = 8;

    public async Task ArchiveAsync(string endpointId)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        string? latestTimestamp = null;

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

                var mapping = ConnectionMapper.Map(connection, endpointId);
                if (mapping.Session is not { } session)
                {
                    tally.AddMalformed();
                    log.Warn("malformed connection skipped", ("endpointId", endpointId), ("reason", mapping.MalformedReason));
                    continue;
                }

                if (mapping.Warnings.Count > 0)
                {
                    tally.AddCounterWarnings(mapping.Warnings.Count);
                    log.Warn("unreadable counters kept as stored", ("connectionId", session.ConnectionId),
                        ("warnings", string.Join("; ", mapping.Warnings)));
                }

                if (latestTimestamp is null || string.CompareOrdinal(session.ObservedAt, latestTimestamp) > 0)
                {
                    latestTimestamp = session.ObservedAt;
                }

                if (!observed.TryGetValue(session.ConnectionId, out var seen) || string.CompareOrdinal(seen.ObservedAt, session.ObservedAt) < 0)
                {
                    observed[session.ConnectionId] = session;
                }
            }

            await ApplyAsync(observed.Values.ToList());
        }

        await MarkLostSessionsAsync(endpointId, listed, latestTimestamp ?? AuditTime.Format(runStartedAt));
    }

    private async Task ApplyAsync(IReadOnlyList<ObservedSession> sessions)
    {
        if (sessions.Count == 0)
        {
            return;
        }

        var stored = await store.ReadAsync(sessions.Select(session => session.ConnectionId), budget.Token);
        var refresh = TimeSpan.FromMinutes(options.ActiveRefreshMinutes);
        var writes = new List<(ObservedSession Session, UpsertAction Action)>();
        foreach (var session in sessions)
        {
            var action = UpsertDecision.Decide(session, stored.GetValueOrDefault(session.ConnectionId), refresh);
            switch (action)
            {
                case UpsertAction.Stale:
                    tally.AddStale();
                    break;
                case UpsertAction.Unchanged:
                    tally.AddUnchanged();
                    break;
                default:
                    writes.Add((session, action));
                    break;
            }
        }

        await Parallel.ForEachAsync(writes, Parallelism(), async (write, cancellationToken) =>
        {
            if (!await store.UpsertAsync(write.Session, options.RetentionDays, cancellationToken))
            {
                tally.AddStale();
            }
            else if (write.Action == UpsertAction.Insert)
            {
                tally.AddInserted();
            }
            else
            {
                tally.AddUpdated();
            }
        });
    }

    private async Task MarkLostSessionsAsync(string endpointId, HashSet<string> listed, string listingTime)
    {
        var candidates = (await store.NotEndedAsync(endpointId, budget.Token))
            .Where(connectionId => !listed.Contains(connectionId))
            .ToList();

        await Parallel.ForEachAsync(candidates, Parallelism(), async (connectionId, cancellationToken) =>
        {
            if (await store.MarkLostAsync(connectionId, listingTime, cancellationToken))
            {
                tally.AddMarkedLost();
                log.Info("session no longer listed: marked ended", ("endpointId", endpointId),
                    ("connectionId", connectionId), ("missingSince", listingTime));
            }
        });
    }

    private ParallelOptions Parallelism() => new() { MaxDegreeOfParallelism = WritesInFlight, CancellationToken = budget.Token };
}
