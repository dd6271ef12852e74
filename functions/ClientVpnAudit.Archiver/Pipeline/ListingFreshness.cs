using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>The freshness metric: how long ago the least recently completed of the listed endpoints was listed completely.</summary>
internal static class ListingFreshness
{
    /// <summary>
    /// Minutes, on the poll's clock; an endpoint never completed counts from its first attempt, one never attempted as
    /// fresh. Null without an endpoint-state table, a clock, or a listed endpoint.
    /// </summary>
    public static async Task<double?> OldestCompleteListingAgeMinutesAsync(EndpointStateStore? endpointState, IReadOnlyList<string> listed,
        TimeProvider? clock, CancellationToken cancellationToken)
    {
        if (endpointState is null || clock is null || listed.Count == 0)
        {
            return null;
        }

        var states = await endpointState.ReadAsync(listed, cancellationToken);
        var now = clock.GetUtcNow();
        var oldest = listed
            .Select(endpointId => states.GetValueOrDefault(endpointId) is { } state ? AuditTime.ParseStored(EndpointFreshness.Since(state)) : null)
            .Select(completed => completed is { } at ? (now - at).TotalMinutes : 0)
            .Max();
        return Math.Round(Math.Max(0, oldest), 1);
    }
}
