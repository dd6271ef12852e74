namespace ClientVpnAudit.Archiver.Sessions;

/// <summary>
/// The endpoint-state table, defined once: one small item per Client VPN endpoint saying when it was last listed
/// completely. The archive's freshness is the oldest of those among live endpoints: one starved or failing endpoint
/// shows, not only a whole failed run.
/// </summary>
public static class EndpointStateTable
{
    public const string ClientVpnEndpointId = nameof(ClientVpnEndpointId);
    public const string AccountId = nameof(AccountId);
    public const string Region = nameof(Region);

    /// <summary>The endpoint's status as DescribeClientVpnEndpoints last said (available, deleting, deleted), or "gone".</summary>
    public const string Status = nameof(Status);

    public const string LastAttemptAt = nameof(LastAttemptAt);
    public const string LastCompleteListingAt = nameof(LastCompleteListingAt);
    public const string LastError = nameof(LastError);
    public const string ConnectionsListed = nameof(ConnectionsListed);

    /// <summary>When the endpoint was first attempted: how stale one that was never listed completely is.</summary>
    public const string FirstAttemptAt = nameof(FirstAttemptAt);

    public const string PartitionKey = ClientVpnEndpointId;

    /// <summary>The status of an endpoint no longer listed at all.</summary>
    public const string GoneStatus = "gone";

    /// <summary>What `cvpn-audit endpoints` shows, in this order and with these names.</summary>
    public static readonly IReadOnlyList<string> Exported =
    [
        ClientVpnEndpointId, AccountId, Region, Status, LastAttemptAt, LastCompleteListingAt, LastError, ConnectionsListed,
    ];
}
