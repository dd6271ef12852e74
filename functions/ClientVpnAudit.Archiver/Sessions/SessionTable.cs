namespace ClientVpnAudit.Archiver.Sessions;

/// <summary>
/// The sessions table layout, defined once: the CDK stack creates it from this, the CLI creates the local table
/// from it, and every query names its indexes through it.
/// </summary>
public static class SessionTable
{
    public const string PartitionKey = SessionAttributes.ConnectionId;

    /// <summary>
    /// Sessions of one endpoint, by when they were established. KEYS_ONLY: readers fetch the full items with
    /// BatchGetItem, so a change of status or end writes only the base item, never this index.
    /// </summary>
    public static readonly SessionIndex ByEndpoint = new(
        "ByEndpoint", SessionAttributes.ClientVpnEndpointId, SessionAttributes.ConnectionEstablishedTime, Projection: null);

    /// <summary>Sessions of one user (Username, else CommonName), by when they were established. KEYS_ONLY, as ByEndpoint.</summary>
    public static readonly SessionIndex ByIdentity = new(
        "ByIdentity", SessionAttributes.Identity, SessionAttributes.ConnectionEstablishedTime, Projection: null);

    /// <summary>Sparse: only sessions not yet ended. Used to find lost sessions and to answer "who is connected now".</summary>
    public static readonly SessionIndex ActiveByEndpoint = new(
        "ActiveByEndpoint", SessionAttributes.ActiveEndpointId, SessionAttributes.ConnectionEstablishedTime,
        Projection: null);

    /// <summary>
    /// Every session, bucketed by the UTC day it was established: "who was connected at T" across every endpoint is one
    /// Query per day, never a Scan. KEYS_ONLY, written once per session (its keys never change).
    /// </summary>
    public static readonly SessionIndex ByEstablishedDay = new(
        "ByEstablishedDay", SessionAttributes.EstablishedDay, SessionAttributes.ConnectionEstablishedTime, Projection: null);

    public static readonly IReadOnlyList<SessionIndex> Indexes = [ByEndpoint, ByIdentity, ActiveByEndpoint, ByEstablishedDay];

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
