namespace ClientVpnAudit.Archiver.Sessions;

/// <summary>
/// What one snapshot (one DescribeClientVpnConnections answer) says about a session, already in the archive's
/// terms: stored time formats, numbers parsed. A null counter means "unreadable: keep what is stored".
/// </summary>
public sealed record ObservedSession
{
    public required string ConnectionId { get; init; }
    public required string ClientVpnEndpointId { get; init; }

    /// <summary>The account and region whose listing held the connection.</summary>
    public required Target Target { get; init; }
    public required string Status { get; init; }
    public string? StatusMessage { get; init; }
    public string? Username { get; init; }
    public string? CommonName { get; init; }
    public string? ClientIp { get; init; }
    public string? ClientIpv6Address { get; init; }
    public required string ConnectionEstablishedTime { get; init; }
    public string? ConnectionEndTime { get; init; }
    public long? DurationSeconds { get; init; }
    public long? IngressBytes { get; init; }
    public long? EgressBytes { get; init; }
    public long? IngressPackets { get; init; }
    public long? EgressPackets { get; init; }
    public IReadOnlyList<string>? PostureComplianceStatuses { get; init; }

    /// <summary>The snapshot's Timestamp: when AWS answered.</summary>
    public required string ObservedAt { get; init; }

    /// <summary>Username if non-empty, else CommonName if non-empty, else absent.</summary>
    public string? Identity => Username ?? CommonName;

    /// <summary>The UTC day the session was established: the ByEstablishedDay index's partition.</summary>
    public string EstablishedDay => AuditTime.DayOfStored(ConnectionEstablishedTime)
        ?? throw new InvalidOperationException($"{ConnectionId}: unreadable ConnectionEstablishedTime '{ConnectionEstablishedTime}'");

    public bool HasEnded => ConnectionStatus.HasEnded(Status);
}
