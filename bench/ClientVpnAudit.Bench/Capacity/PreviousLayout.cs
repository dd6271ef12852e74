using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Bench.Capacity;

/// <summary>
/// The indexes as they were before the day index, for a before/after of the write floor: ByEndpoint and ByIdentity
/// projecting the summary attributes (INCLUDE), no ByEstablishedDay, records without EstablishedDay. Only the
/// capacity rules price writes under it; nothing creates or reads such a table.
/// </summary>
internal static class PreviousLayout
{
    private static readonly IReadOnlyList<string> SummaryProjection =
    [
        SessionAttributes.ClientVpnEndpointId, SessionAttributes.Identity, SessionAttributes.Status,
        SessionAttributes.Username, SessionAttributes.CommonName, SessionAttributes.ClientIp,
        SessionAttributes.ClientIpv6Address, SessionAttributes.ConnectionEndTime,
    ];

    public static IReadOnlyList<SessionIndex> Indexes { get; } =
    [
        SessionTable.ByEndpoint with { Projection = SummaryProjection },
        SessionTable.ByIdentity with { Projection = SummaryProjection },
        SessionTable.ActiveByEndpoint,
    ];

    /// <summary>The attributes the current layout adds to every record.</summary>
    public static IReadOnlyList<string> AddedAttributes { get; } = [SessionAttributes.EstablishedDay];
}
