using Amazon.EC2.Model;
using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Cli.Capture;

/// <summary>An SDK <see cref="ClientVpnConnection"/> as a snapshot holds it: every value the raw string AWS sent.</summary>
internal static class CapturedConnection
{
    /// <param name="listedEndpointId">The endpoint whose listing held the connection. A snapshot connection must name its
    /// endpoint; one that AWS sent without it is filed under this one, as the archiver files it.</param>
    public static SnapshotConnection From(ClientVpnConnection connection, string listedEndpointId) => new(
        string.IsNullOrEmpty(connection.ClientVpnEndpointId) ? listedEndpointId : connection.ClientVpnEndpointId,
        connection.Timestamp,
        connection.ConnectionId,
        connection.Username,
        connection.ConnectionEstablishedTime,
        connection.IngressBytes,
        connection.EgressBytes,
        connection.IngressPackets,
        connection.EgressPackets,
        connection.ClientIp,
        connection.ClientIpv6Address,
        connection.CommonName,
        connection.Status?.Code?.Value,
        connection.Status?.Message,
        connection.ConnectionEndTime,
        connection.PostureComplianceStatuses);
}
