using System.Text.Json;

namespace ClientVpnAudit.Emulator;

/// <summary>
/// One target (an account and region) of one poll: the connections of <c>aws ec2 describe-client-vpn-connections</c>
/// and the endpoints of <c>aws ec2 describe-client-vpn-endpoints</c>. A poll of several targets is a
/// <see cref="SnapshotPoll"/> of these. Build one with <see cref="SnapshotLoader"/>.
/// </summary>
public sealed class Snapshot
{
    internal Snapshot(IReadOnlyList<SnapshotConnection> connections, IReadOnlyList<SnapshotEndpoint> endpoints,
        bool endpointsGiven, string sourceName, DateTimeOffset? capturedAt, string? accountId, string? region)
    {
        Connections = connections;
        Endpoints = endpoints;
        EndpointsGiven = endpointsGiven;
        SourceName = sourceName;
        CapturedAt = capturedAt;
        AccountId = accountId;
        Region = region;
    }

    /// <summary>Every connection, in file order.</summary>
    public IReadOnlyList<SnapshotConnection> Connections { get; }

    /// <summary>
    /// The endpoints DescribeClientVpnEndpoints lists: the snapshot's ClientVpnEndpoints array, or when it has none,
    /// the endpoints the connections name (status available), in order of first appearance.
    /// </summary>
    public IReadOnlyList<SnapshotEndpoint> Endpoints { get; }

    /// <summary>True when the endpoints came from a ClientVpnEndpoints array rather than from the connections.</summary>
    public bool EndpointsGiven { get; }

    /// <summary>The file (or name) the snapshot came from, used in error messages.</summary>
    public string SourceName { get; }

    /// <summary>
    /// When the poll was taken (the file's optional top-level <c>CapturedAt</c>, the clock of every target of the poll),
    /// in UTC to the whole second; null when the file does not say.
    /// </summary>
    public DateTimeOffset? CapturedAt { get; }

    /// <summary>
    /// The account the endpoints live in, as written: a single-target file's optional top-level <c>AccountId</c> (null
    /// when absent), or a target's own in a file of several.
    /// </summary>
    public string? AccountId { get; }

    /// <summary>
    /// The region the endpoints live in, as written: a single-target file's optional top-level <c>Region</c> (null when
    /// absent), or a target's own in a file of several.
    /// </summary>
    public string? Region { get; }

    /// <summary><c>ACCOUNT:REGION</c>, with <c>?</c> for what the snapshot does not say.</summary>
    public string TargetName => $"{AccountId ?? "?"}:{Region ?? "?"}";
}

/// <summary>
/// One connection exactly as the AWS CLI prints it: every value is the raw string AWS sends, null where the JSON lacks it.
/// Nothing is parsed or checked, so malformed values ("abc" byte counts, a missing Timestamp) reach the client untouched.
/// </summary>
public sealed record SnapshotConnection(
    string ClientVpnEndpointId,
    string? Timestamp = null,
    string? ConnectionId = null,
    string? Username = null,
    string? ConnectionEstablishedTime = null,
    string? IngressBytes = null,
    string? EgressBytes = null,
    string? IngressPackets = null,
    string? EgressPackets = null,
    string? ClientIp = null,
    string? ClientIpv6Address = null,
    string? CommonName = null,
    string? StatusCode = null,
    string? StatusMessage = null,
    string? ConnectionEndTime = null,
    IReadOnlyList<string>? PostureComplianceStatuses = null);

/// <summary>
/// One Client VPN endpoint. <paramref name="Json"/> is the endpoint object as the AWS CLI prints it; when present it is
/// served back field by field (and wins over <paramref name="StatusCode"/>). Without it, only the id and status are served.
/// </summary>
public sealed record SnapshotEndpoint(string ClientVpnEndpointId, string? StatusCode = "available", JsonElement? Json = null)
{
    /// <summary>The value of a top-level string field of <see cref="Json"/> (e.g. "TransportProtocol"), or null.</summary>
    public string? Field(string name) =>
        Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty(name, out var value)
            ? JsonValues.AsRawString(value)
            : null;
}
