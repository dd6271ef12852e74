using System.Text.Json;
using System.Text.Json.Nodes;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Bench.Capacity;
using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Bench.Verification;

/// <summary>
/// What the table must hold after each poll, and which writes a poll cannot do without. Two sets of rules:
/// <list type="bullet">
/// <item><see cref="WriteRule.Archiver"/>, the archiver's rules restated here from the design (README, "One run, and
/// what it guarantees"), not called:
/// insert what is not stored. AWS's report of an end (status terminated) is written whenever the stored record is not
/// yet an observed end (Status not terminated, or EndObserved not true), whatever the two Timestamps, because AWS freezes
/// a terminated connection's Timestamp at its end: LastObservedAt becomes the later of the stored value and the
/// snapshot's, FirstObservedAt is kept, MissingSince removed, EndObserved true, all else from the snapshot. Otherwise a
/// snapshot not newer than the stored LastObservedAt writes nothing (the stored end re-listed with its frozen Timestamp
/// among them); an observed end is final against any later answer that has not ended; a snapshot that has not ended and
/// is not newer than a stored MissingSince is old news. A newer snapshot is written on a change of Status,
/// StatusMessage, ConnectionEndTime, Username, CommonName, ClientIp, ClientIpv6Address or PostureComplianceStatuses,
/// to clear MissingSince, or when the stored session is not terminated and the snapshot is ACTIVE_REFRESH_MINUTES
/// newer than the stored one; else nothing.
/// After the listing, every stored session not ended (in the sparse index) that its endpoint's listing does not show,
/// or whose endpoint is no longer listed (or listed as deleted), and that was last observed before the poll time,
/// becomes terminated with EndObserved false and MissingSince = the poll time: the listing time is the poll's own
/// clock, never a Timestamp of the listing.</item>
/// <item><see cref="WriteRule.EveryPoll"/>, the naive poller's: every listed connection is written with its newest values.</item>
/// </list>
/// The writes the archiver rules require are the scenario's necessary minimum, priced by the same rules as the
/// measured writes.
/// </summary>
internal sealed class ExpectedArchive(WriteRule rule, TimeSpan activeRefresh)
{
    private const string DeletedEndpoint = "deleted";

    private static readonly string[] ThingsThatMatter =
    [
        SessionAttributes.Status, SessionAttributes.StatusMessage, SessionAttributes.ConnectionEndTime,
        SessionAttributes.Username, SessionAttributes.CommonName, SessionAttributes.ClientIp,
        SessionAttributes.ClientIpv6Address, SessionAttributes.PostureComplianceStatuses,
    ];

    private readonly Dictionary<string, JsonObject> _items = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, JsonObject> Items => _items;

    /// <summary>Applies one poll: the snapshot it lists, taken at <paramref name="pollTime"/> (the poll's clock).</summary>
    public RequiredWrites Apply(Snapshot snapshot, DateTimeOffset pollTime) => Apply(SnapshotPoll.Of(snapshot), pollTime);

    /// <summary>Applies one poll of every target; a target that names no account or region is the archiver's default.</summary>
    public RequiredWrites Apply(SnapshotPoll poll, DateTimeOffset pollTime)
    {
        var writes = new RequiredWrites();
        var listedByEndpoint = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var snapshot in poll.Targets)
        {
            var target = new Target(snapshot.AccountId ?? Target.Local.AccountId, snapshot.Region ?? Target.Local.Region);
            foreach (var connection in snapshot.Connections)
            {
                Observe(writes, listedByEndpoint, connection, target);
            }
        }

        if (rule == WriteRule.Archiver)
        {
            var polled = poll.Targets.SelectMany(snapshot => snapshot.Endpoints)
                .Where(endpoint => EndpointStatus(endpoint) != DeletedEndpoint)
                .Select(endpoint => endpoint.ClientVpnEndpointId)
                .ToHashSet(StringComparer.Ordinal);
            MarkLost(writes, polled, listedByEndpoint, ExpectedItem.Iso(pollTime));
        }

        return writes;
    }

    private void Observe(RequiredWrites writes, Dictionary<string, HashSet<string>> listedByEndpoint, SnapshotConnection connection, Target target)
    {
        if (!listedByEndpoint.TryGetValue(connection.ClientVpnEndpointId, out var listed))
        {
            listedByEndpoint[connection.ClientVpnEndpointId] = listed = new HashSet<string>(StringComparer.Ordinal);
        }

        listed.Add(connection.ConnectionId!);
        var observedAt = ExpectedItem.Iso(connection.Timestamp)!;
        var stored = _items.GetValueOrDefault(connection.ConnectionId!);
        var observed = ExpectedItem.From(connection, stored is null ? observedAt : ExpectedItem.Text(stored, SessionAttributes.FirstObservedAt), target);
        if (stored is null)
        {
            Write(writes, stored, observed, WriteKind.Insert);
        }
        else if (rule == WriteRule.EveryPoll)
        {
            Write(writes, stored, observed, WriteKind.Update);
        }
        else if (MustWrite(stored, observed))
        {
            var storedAt = ExpectedItem.Text(stored, SessionAttributes.LastObservedAt);
            if (string.CompareOrdinal(storedAt, observedAt) > 0)
            {
                observed[SessionAttributes.LastObservedAt] = new JsonObject { ["S"] = storedAt };
            }

            Write(writes, stored, observed, WriteKind.Update);
        }
    }

    private bool MustWrite(JsonObject stored, JsonObject observed)
    {
        var observedEnds = ExpectedItem.Text(observed, SessionAttributes.Status) == ExpectedItem.Terminated;
        var storedIsObservedEnd = ExpectedItem.Text(stored, SessionAttributes.Status) == ExpectedItem.Terminated
            && stored[SessionAttributes.EndObserved]?["BOOL"]?.GetValue<bool>() == true;
        if (observedEnds && !storedIsObservedEnd)
        {
            return true;
        }

        var storedAt = ExpectedItem.Text(stored, SessionAttributes.LastObservedAt);
        var observedAt = ExpectedItem.Text(observed, SessionAttributes.LastObservedAt);
        if (string.CompareOrdinal(observedAt, storedAt) <= 0 || (storedIsObservedEnd && !observedEnds))
        {
            return false;
        }

        var missingSince = ExpectedItem.Text(stored, SessionAttributes.MissingSince);
        if (missingSince.Length > 0 && !observedEnds && string.CompareOrdinal(observedAt, missingSince) <= 0)
        {
            return false;
        }

        if (missingSince.Length > 0 || ThingsThatMatter.Any(name => !JsonNode.DeepEquals(stored[name], observed[name])))
        {
            return true;
        }

        return ExpectedItem.Text(stored, SessionAttributes.Status) != ExpectedItem.Terminated
            && ExpectedItem.Parse(observedAt) - ExpectedItem.Parse(storedAt) >= activeRefresh;
    }

    /// <summary>
    /// Sessions not ended that the poll did not show: not in their endpoint's listing, or their endpoint no longer
    /// polled. Marked lost at the poll time unless observed at or after it.
    /// </summary>
    private void MarkLost(RequiredWrites writes, HashSet<string> polled, Dictionary<string, HashSet<string>> listedByEndpoint, string pollTime)
    {
        foreach (var (connectionId, stored) in _items.ToList())
        {
            var endpointId = ExpectedItem.Text(stored, SessionAttributes.ActiveEndpointId);
            if (endpointId.Length == 0
                || (polled.Contains(endpointId) && listedByEndpoint.TryGetValue(endpointId, out var listed) && listed.Contains(connectionId))
                || string.CompareOrdinal(ExpectedItem.Text(stored, SessionAttributes.LastObservedAt), pollTime) >= 0)
            {
                continue;
            }

            var lost = (JsonObject)stored.DeepClone();
            lost[SessionAttributes.Status] = new JsonObject { ["S"] = ExpectedItem.Terminated };
            lost[SessionAttributes.EndObserved] = new JsonObject { ["BOOL"] = false };
            lost[SessionAttributes.MissingSince] = new JsonObject { ["S"] = pollTime };
            lost.Remove(SessionAttributes.ActiveEndpointId);
            Write(writes, stored, lost, WriteKind.MarkLost);
        }
    }

    /// <summary>The endpoint's status as DescribeClientVpnEndpoints serves it: its JSON's Status.Code, else its StatusCode.</summary>
    private static string? EndpointStatus(SnapshotEndpoint endpoint) =>
        endpoint.Json is { ValueKind: JsonValueKind.Object } json
        && json.TryGetProperty("Status", out var status) && status.ValueKind == JsonValueKind.Object
        && status.TryGetProperty("Code", out var code) && code.ValueKind == JsonValueKind.String
            ? code.GetString()
            : endpoint.StatusCode;

    private void Write(RequiredWrites writes, JsonObject? before, JsonObject after, WriteKind kind)
    {
        var old = before is null ? null : Capacity.Items.FromNode(before);
        var now = Capacity.Items.FromNode(after);
        writes.Add(kind, CapacityRules.Write(old, now), CapacityRules.WriteInPreviousLayout(old, now));
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

    /// <summary>What the same writes would cost in the layout before the day index (<see cref="PreviousLayout"/>).</summary>
    public double PreviousLayoutWriteUnits { get; private set; }

    public void Add(WriteKind kind, WriteCost cost, WriteCost previousLayoutCost)
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
        PreviousLayoutWriteUnits += previousLayoutCost.Total;
    }
}
