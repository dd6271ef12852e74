using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Storage;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>
/// Marks sessions ended, inferred: those a complete listing no longer shows, and those of an endpoint that is gone.
/// MissingSince is the listing time; the store's condition skips any session written since.
/// </summary>
internal static class LostSessions
{
    public static Task MarkAsync(SessionStore store, IEnumerable<string> connectionIds, string listingTime, RunTally tally,
        JsonLog log, ParallelOptions parallelism) =>
        Parallel.ForEachAsync(connectionIds, parallelism, async (connectionId, cancellationToken) =>
        {
            if (await store.MarkLostAsync(connectionId, listingTime, cancellationToken))
            {
                tally.AddMarkedLost();
                log.Info("session no longer listed: marked ended", ("connectionId", connectionId), ("missingSince", listingTime));
            }
        });
}
