using System.Text.Json.Nodes;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Bench.Capacity;
using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Bench.Verification;

/// <summary>
/// What the table must hold after each poll, and which writes a poll cannot do without. Two sets of rules:
/// <list type="bullet">
/// <item><see cref="WriteRule.Archiver"/>, the archiver's write rules restated here from the design, not called:
/// insert what is not stored; ignore a snapshot not newer than the stored one; rewrite on a change of Status,
/// StatusMessage, ConnectionEndTime, Username, CommonName, ClientIp, ClientIpv6Address or PostureComplianceStatuses,
/// or to clear MissingSince; rewrite an active (not terminated) session once its snapshot is ACTIVE_REFRESH_MINUTES
/// newer than the stored one; otherwise write nothing. After a complete listing, a stored session that has not ended
/// and is not listed becomes terminated with EndObserved false and MissingSince = the listing's newest Timestamp.</item>
/// <item><see cref="WriteRule.EveryPoll"/>, the naive poller's: every listed connection is written with its newest values.</item>
/// </list>
/// The writes the archiver rules require are the scenario's necessary minimum, priced by the same rules as the
/// measured writes.
/// </summary>
internal sealed class ExpectedArchive(WriteRule rule, TimeSpan activeRefresh)
{
    private readonly Dictionary<string, JsonObject> _items = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, JsonObject> Items => _items;

    public RequiredWrites Apply(IReadOnlyList<SnapshotConnection> listing)
    {
        var writes = new RequiredWrites();
        var listedByEndpoint = new Dictionary<string, (HashSet<string> Ids, string Newest)>(StringComparer.Ordinal);
        foreach (var connection in listing)
        {
            var observedAt = ExpectedItem.Iso(connection.Timestamp)!;
            var listed = listedByEndpoint.TryGetValue(connection.ClientVpnEndpointId, out var seen)
                ? seen
                : listedByEndpoint[connection.ClientVpnEndpointId] = (new HashSet<string>(StringComparer.Ordinal), observedAt);
            listed.Ids.Add(connection.ConnectionId!);
            if (string.CompareOrdinal(observedAt, listed.Newest) > 0)
            {
                listedByEndpoint[connection.ClientVpnEndpointId] = (listed.Ids, observedAt);
            }

            var stored = _items.GetValueOrDefault(connection.ConnectionId!);
            var observed = ExpectedItem.From(connection, stored is null ? observedAt : ExpectedItem.Text(stored, SessionAttributes.FirstObservedAt));
            if (stored is null)
            {
                Write(writes, stored, observed, WriteKind.Insert);
            }
            else if (rule == WriteRule.EveryPoll || MustRewrite(stored, observed))
            {
                Write(writes, stored, observed, WriteKind.Update);
            }
        }

        if (rule == WriteRule.Archiver)
        {
            MarkLost(writes, listedByEndpoint);
        }

        return writes;
    }

    private bool MustRewrite(JsonObject stored, JsonObject observed)
    {
        var storedAt = ExpectedItem.Text(stored, SessionAttributes.LastObservedAt);
        var observedAt = ExpectedItem.Text(observed, SessionAttributes.LastObservedAt);
        if (string.CompareOrdinal(storedAt, observedAt) >= 0)
        {
            return false;
        }

        string[] matter =
        [
            SessionAttributes.Status, SessionAttributes.StatusMessage, SessionAttributes.ConnectionEndTime,
            SessionAttributes.Username, SessionAttributes.CommonName, SessionAttributes.ClientIp,
            SessionAttributes.ClientIpv6Address, SessionAttributes.PostureComplianceStatuses,
        ];
        if (stored.ContainsKey(SessionAttributes.MissingSince)
            || matter.Any(name => !JsonNode.DeepEquals(stored[name], observed[name])))
        {
            return true;
        }

        return ExpectedItem.Text(stored, SessionAttributes.Status) != ExpectedItem.Terminated
            && ExpectedItem.Parse(observedAt) - ExpectedItem.Parse(storedAt) >= activeRefresh;
    }

    private void MarkLost(RequiredWrites writes, Dictionary<string, (HashSet<string> Ids, string Newest)> listedByEndpoint)
    {
        foreach (var (connectionId, stored) in _items.ToList())
        {
            var endpointId = ExpectedItem.Text(stored, SessionAttributes.ActiveEndpointId);
            if (endpointId.Length == 0 || !listedByEndpoint.TryGetValue(endpointId, out var listed) || listed.Ids.Contains(connectionId)
                || string.CompareOrdinal(ExpectedItem.Text(stored, SessionAttributes.LastObservedAt), listed.Newest) >= 0)
            {
                continue;
            }

            var lost = (JsonObject)stored.DeepClone();
            lost[SessionAttributes.Status] = new JsonObject { ["S"] = ExpectedItem.Terminated };
            lost[SessionAttributes.EndObserved] = new JsonObject { ["BOOL"] = false };
            lost[SessionAttributes.MissingSince] = new JsonObject { ["S"] = listed.Newest };
            lost.Remove(SessionAttributes.ActiveEndpointId);
            Write(writes, stored, lost, WriteKind.MarkLost);
        }
    }

    private void Write(RequiredWrites writes, JsonObject? before, JsonObject after, WriteKind kind)
    {
        writes.Add(kind, CapacityRules.Write(before is null ? null : Capacity.Items.FromNode(before), Capacity.Items.FromNode(after)));
        _items[ExpectedItem.Text(after, SessionAttributes.ConnectionId)] = after;
    }
}

internal enum WriteRule
{
    Archiver,
    EveryPoll,
}

internal enum WriteKind
{
    Insert,
    Update,
    MarkLost,
}

/// <summary>The writes one poll must make under a rule, and what they cost.</summary>
internal sealed class RequiredWrites
{
    public int Inserts { get; private set; }
    public int Updates { get; private set; }
    public int MarkedLost { get; private set; }
    public int Writes => Inserts + Updates + MarkedLost;
    public double WriteUnits { get; private set; }

    public void Add(WriteKind kind, WriteCost cost)
    {
        switch (kind)
        {
            case WriteKind.Insert:
                Inserts++;
                break;
            case WriteKind.Update:
                Updates++;
                break;
            default:
                MarkedLost++;
                break;
        }

        WriteUnits += cost.Total;
    }
}
