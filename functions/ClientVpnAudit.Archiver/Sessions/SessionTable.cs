namespace ClientVpnAudit.Archiver.Sessions;

/// <summary>
/// The sessions table layout, defined once: the CDK stack creates it from this, the CLI creates the local table
/// from it, and every query names its indexes through it.
/// </summary>
public static class SessionTable
{
    public const string PartitionKey = SessionAttributes.ConnectionId;

    /// <summary>
    /// Attributes copied into ByEndpoint and ByIdentity besides the keys: enough to answer "who, from where, until
    /// when" from the index alone. None of them changes on a counter refresh, so a refresh writes only the base item.
    /// </summary>
    public static readonly IReadOnlyList<string> SummaryProjection =
    [
        SessionAttributes.ClientVpnEndpointId, SessionAttributes.Identity, SessionAttributes.Status,
        SessionAttributes.Username, SessionAttributes.CommonName, SessionAttributes.ClientIp,
        SessionAttributes.ClientIpv6Address, SessionAttributes.ConnectionEndTime,
    ];

    /// <summary>Sessions of one endpoint, by when they were established.</summary>
    public static readonly SessionIndex ByEndpoint = new(
        "ByEndpoint", SessionAttributes.ClientVpnEndpointId, SessionAttributes.ConnectionEstablishedTime,
        SummaryProjection);

    /// <summary>Sessions of one user (Username, else CommonName), by when they were established.</summary>
    public static readonly SessionIndex ByIdentity = new(
        "ByIdentity", SessionAttributes.Identity, SessionAttributes.ConnectionEstablishedTime,
        SummaryProjection);

    /// <summary>Sparse: only sessions not yet ended. Used to find lost sessions and to answer "who is connected now".</summary>
    public static readonly SessionIndex ActiveByEndpoint = new(
        "ActiveByEndpoint", SessionAttributes.ActiveEndpointId, SessionAttributes.ConnectionEstablishedTime,
        Projection: null);

    public static readonly IReadOnlyList<SessionIndex> Indexes = [ByEndpoint, ByIdentity, ActiveByEndpoint];

    /// <summary>The TTL attribute (epoch seconds), written only when a retention is configured.</summary>
    public const string TimeToLiveAttribute = SessionAttributes.ExpiresAt;

    /// <summary>Every attribute that keys the table or an index: all strings.</summary>
    public static IEnumerable<string> KeyAttributes =>
        Indexes.SelectMany(index => new[] { index.PartitionKey, index.SortKey }).Prepend(PartitionKey).Distinct();
}

/// <summary>A global secondary index. A null projection means KEYS_ONLY; otherwise INCLUDE those attributes.</summary>
public sealed record SessionIndex(string Name, string PartitionKey, string SortKey, IReadOnlyList<string>? Projection)
{
    /// <summary>
    /// What an INCLUDE projection lists: the projection without the key attributes of the table and of this index,
    /// which DynamoDB always projects (listing them again gains nothing and risks a rejected CreateTable).
    /// Null for a KEYS_ONLY index.
    /// </summary>
    public IReadOnlyList<string>? NonKeyAttributes =>
        Projection?.Except([SessionTable.PartitionKey, PartitionKey, SortKey]).ToList();
}
