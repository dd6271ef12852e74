using System.Collections.Concurrent;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>
/// The sessions not ended, as every target's planner of one run needs them to close the sessions of its gone endpoints:
/// the sparse index is scanned once per run, not once per target, and where an endpoint lives is read once per run from
/// one of its sessions.
/// </summary>
/// <param name="own">The deployment's own account and region: where a record that predates AccountId and Region lives.</param>
internal sealed class OpenSessions(SessionStore store, Target own, CancellationToken cancellationToken)
{
    private readonly Lock _gate = new();
    private Task<IReadOnlyList<(string ConnectionId, string EndpointId)>>? _notEnded;

    private readonly ConcurrentDictionary<string, (string? AccountId, string? Region)> _places = new(StringComparer.Ordinal);

    /// <summary>The Scan, once; again only after it failed, so one target's failed read does not fail the next target's.</summary>
    public Task<IReadOnlyList<(string ConnectionId, string EndpointId)>> NotEndedAsync()
    {
        lock (_gate)
        {
            if (_notEnded is null || _notEnded.IsFaulted || _notEnded.IsCanceled)
            {
                _notEnded = store.NotEndedEverywhereAsync(cancellationToken);
            }

            return _notEnded;
        }
    }

    /// <summary>
    /// Which endpoints of these sessions belong to <paramref name="target"/> (a record that predates AccountId and Region
    /// belongs to the deployment's own target, which it was written for; an endpoint whose session is not read back waits
    /// a run).
    /// </summary>
    public async Task<IReadOnlySet<string>> EndpointsOfTargetAsync(IEnumerable<(string ConnectionId, string EndpointId)> sessions, Target target)
    {
        var oneEach = sessions.GroupBy(session => session.EndpointId).ToDictionary(group => group.Key, group => group.First().ConnectionId);
        var unknown = oneEach.Where(pair => !_places.ContainsKey(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value);
        foreach (var (endpointId, place) in await store.EndpointPlacesAsync(unknown, cancellationToken))
        {
            _places[endpointId] = place;
        }

        return oneEach.Keys
            .Where(endpointId => _places.TryGetValue(endpointId, out var place)
                && (place.AccountId ?? own.AccountId) == target.AccountId && (place.Region ?? own.Region) == target.Region)
            .ToHashSet(StringComparer.Ordinal);
    }
}
