namespace ClientVpnAudit.Archiver.Sessions;

/// <summary>
/// The attribute names of a session item. The public ones are the query and export contract; the derived ones
/// (ActiveEndpointId, EstablishedDay) only key indexes.
/// </summary>
public static class SessionAttributes
{
    public const string ConnectionId = nameof(ConnectionId);
    public const string ClientVpnEndpointId = nameof(ClientVpnEndpointId);
    public const string Status = nameof(Status);
    public const string StatusMessage = nameof(StatusMessage);
    public const string Username = nameof(Username);
    public const string CommonName = nameof(CommonName);
    public const string Identity = nameof(Identity);
    public const string ClientIp = nameof(ClientIp);
    public const string ClientIpv6Address = nameof(ClientIpv6Address);
    public const string ConnectionEstablishedTime = nameof(ConnectionEstablishedTime);
    public const string ConnectionEndTime = nameof(ConnectionEndTime);
    public const string DurationSeconds = nameof(DurationSeconds);
    public const string IngressBytes = nameof(IngressBytes);
    public const string EgressBytes = nameof(EgressBytes);
    public const string IngressPackets = nameof(IngressPackets);
    public const string EgressPackets = nameof(EgressPackets);
    public const string PostureComplianceStatuses = nameof(PostureComplianceStatuses);
    public const string FirstObservedAt = nameof(FirstObservedAt);
    public const string LastObservedAt = nameof(LastObservedAt);
    public const string EndObserved = nameof(EndObserved);
    public const string MissingSince = nameof(MissingSince);
    public const string ExpiresAt = nameof(ExpiresAt);
    public const string AccountId = nameof(AccountId);
    public const string Region = nameof(Region);

    /// <summary>Present (= ClientVpnEndpointId) only while the session has not ended: keys the sparse index.</summary>
    public const string ActiveEndpointId = nameof(ActiveEndpointId);

    /// <summary>The UTC day of ConnectionEstablishedTime (yyyy-MM-dd), on every record: keys the ByEstablishedDay index.</summary>
    public const string EstablishedDay = nameof(EstablishedDay);

    /// <summary>The session record as queries and exports show it, in contract order (no ExpiresAt, no index keys).</summary>
    public static readonly IReadOnlyList<string> Exported =
    [
        ConnectionId, ClientVpnEndpointId, Status, StatusMessage, Username, CommonName, Identity, ClientIp,
        ClientIpv6Address, ConnectionEstablishedTime, ConnectionEndTime, DurationSeconds, IngressBytes, EgressBytes,
        IngressPackets, EgressPackets, PostureComplianceStatuses, FirstObservedAt, LastObservedAt, EndObserved,
        MissingSince, AccountId, Region,
    ];
}
