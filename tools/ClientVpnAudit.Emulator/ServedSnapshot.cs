namespace ClientVpnAudit.Emulator;

/// <summary>One target of a served poll, indexed for serving; its generation is the poll's.</summary>
internal sealed class ServedSnapshot
{
    private readonly Dictionary<string, List<SnapshotConnection>> _connectionsByEndpoint = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SnapshotEndpoint> _endpointsById = new(StringComparer.Ordinal);

    /// <param name="tokenScope">Prefixes the scope of its NextTokens, so that a token is refused by another target.</param>
    public ServedSnapshot(Snapshot snapshot, long generation, string tokenScope = "")
    {
        TokenScope = tokenScope;
        Snapshot = snapshot;
        Generation = generation;
        foreach (var connection in snapshot.Connections)
        {
            if (!_connectionsByEndpoint.TryGetValue(connection.ClientVpnEndpointId, out var list))
            {
                _connectionsByEndpoint[connection.ClientVpnEndpointId] = list = [];
            }
            list.Add(connection);
        }
        foreach (var endpoint in snapshot.Endpoints)
        {
            _endpointsById.TryAdd(endpoint.ClientVpnEndpointId, endpoint);
        }
    }

    public Snapshot Snapshot { get; }

    public long Generation { get; }

    public string TokenScope { get; }

    public IReadOnlyList<SnapshotEndpoint> Endpoints => Snapshot.Endpoints;

    /// <summary>
    /// Listed endpoints, and also endpoints that only connections name (possible when the snapshot lists its endpoints):
    /// their connections stay reachable.
    /// </summary>
    public bool HasEndpoint(string endpointId) =>
        _endpointsById.ContainsKey(endpointId) || _connectionsByEndpoint.ContainsKey(endpointId);

    public bool IsListed(string endpointId) => _endpointsById.ContainsKey(endpointId);

    public IReadOnlyList<SnapshotConnection> ConnectionsOf(string endpointId) =>
        _connectionsByEndpoint.TryGetValue(endpointId, out var list) ? list : [];
}
