using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>
/// What a run knows about the poll besides its options: the clock that times each listing, and whether the endpoint
/// listing names every endpoint there is. The function polls AWS (<see cref="Live"/>); a replay describes its snapshot.
/// </summary>
public sealed record PollContext
{
    public static PollContext Live { get; } = new() { Clock = TimeProvider.System };

    /// <summary>
    /// Times each listing: the instant its first page is requested is the listing time, the MissingSince of the
    /// sessions it no longer shows. Null when the poll's time is unknown: then nothing is marked lost.
    /// </summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Why <see cref="Clock"/> is null, for the run summary.</summary>
    public string? NoClockReason { get; init; }

    /// <summary>
    /// False when DescribeClientVpnEndpoints names only the endpoints that have connections (a replayed snapshot
    /// without a ClientVpnEndpoints array): then an endpoint missing from it says nothing about its sessions.
    /// </summary>
    public bool EndpointListingIsComplete { get; init; } = true;

    public static PollContext Unclocked(string reason, bool endpointListingIsComplete) =>
        new() { Clock = null, NoClockReason = reason, EndpointListingIsComplete = endpointListingIsComplete };

    /// <summary>The listing time, now, as stored; null when there is no clock.</summary>
    internal string? ListingTime() => Clock is null ? null : AuditTime.Format(Clock.GetUtcNow());
}
