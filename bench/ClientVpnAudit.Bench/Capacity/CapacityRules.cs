using System.Text.Json;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Bench.Capacity;

/// <summary>
/// DynamoDB's capacity rules (on-demand request units), applied to the sessions table layout of
/// <see cref="SessionTable"/>, which both pollers write:
/// <list type="bullet">
/// <item>a write: 1 WRU per started KB of the larger of the item before and after (a failed condition still pays this);</item>
/// <item>per global secondary index: 1 WRU per started KB of the index entry when the item enters or leaves the index,
/// or stays in it with a projected attribute changed; 2 entries when an index key changes value (delete + put); nothing
/// when no key or projected attribute changes. An index entry is the table key, the index keys and the projected
/// attributes, plus 100 bytes of overhead;</item>
/// <item>an eventually consistent read: 0.5 RRU per started 4 KB, per item for BatchGetItem (a key with no item still
/// costs the minimum), per response over the summed sizes of the items it returns for Query and for Scan (of the table
/// or of an index: for a KEYS_ONLY index, its entries); a strongly consistent read costs twice that.</item>
/// </list>
/// </summary>
internal static class CapacityRules
{
    public const int WriteUnitBytes = 1024;
    public const int ReadUnitBytes = 4096;
    public const int IndexEntryOverheadBytes = 100;
    public const double EventuallyConsistentReadUnit = 0.5;
    public const double StronglyConsistentReadUnit = 1;

    /// <param name="indexes">The table's indexes: the layout's (<see cref="SessionTable.Indexes"/>) unless given.</param>
    public static WriteCost Write(IReadOnlyDictionary<string, JsonElement>? before, IReadOnlyDictionary<string, JsonElement> after,
        IReadOnlyList<SessionIndex>? indexes = null)
    {
        var table = Units(Math.Max(ItemSize.Of(before), ItemSize.Of(after)), WriteUnitBytes);
        var indexUnits = (indexes ?? SessionTable.Indexes).Sum(index => IndexWrite(before, after, index));
        return new WriteCost(table, indexUnits);
    }

    /// <summary>The same write in a table of the layout before the day index (<see cref="PreviousLayout"/>).</summary>
    public static WriteCost WriteInPreviousLayout(IReadOnlyDictionary<string, JsonElement>? before, IReadOnlyDictionary<string, JsonElement> after) =>
        Write(before is null ? null : Without(before, PreviousLayout.AddedAttributes), Without(after, PreviousLayout.AddedAttributes),
            PreviousLayout.Indexes);

    private static Dictionary<string, JsonElement> Without(IReadOnlyDictionary<string, JsonElement> item, IReadOnlyList<string> attributes) =>
        item.Where(pair => !attributes.Contains(pair.Key)).ToDictionary(StringComparer.Ordinal);

    /// <summary>A write whose condition failed: charged for the item as if written, no index touched.</summary>
    public static WriteCost FailedConditionalWrite(IReadOnlyDictionary<string, JsonElement> itemAsWritten) =>
        new(Units(ItemSize.Of(itemAsWritten), WriteUnitBytes), 0);

    /// <summary>One item of a BatchGetItem (a JSON object of attributes).</summary>
    public static double ItemRead(JsonElement item) =>
        EventuallyConsistentReadUnit * Units(ItemSize.OfObject(item), ReadUnitBytes);

    /// <summary>
    /// One Query or Scan response (one page): the sizes of the items it returns summed, then rounded up; the requests
    /// priced here filter nothing, so what is returned is what was read.
    /// </summary>
    public static double PageRead(IEnumerable<JsonElement> items, bool consistent) =>
        (consistent ? StronglyConsistentReadUnit : EventuallyConsistentReadUnit) * Units(items.Sum(ItemSize.OfObject), ReadUnitBytes);

    private static int IndexWrite(IReadOnlyDictionary<string, JsonElement>? before, IReadOnlyDictionary<string, JsonElement> after, SessionIndex index)
    {
        var wasIn = before is not null && InIndex(before, index);
        var isIn = InIndex(after, index);
        if (!wasIn && !isIn)
        {
            return 0;
        }

        if (!wasIn)
        {
            return EntryUnits(after, index);
        }

        if (!isIn)
        {
            return EntryUnits(before!, index);
        }

        if (!Same(before!, after, index.PartitionKey) || !Same(before!, after, index.SortKey))
        {
            return EntryUnits(before!, index) + EntryUnits(after, index);
        }

        return (index.Projection ?? []).Any(name => !Same(before!, after, name))
            ? Math.Max(EntryUnits(before!, index), EntryUnits(after, index))
            : 0;
    }

    private static bool InIndex(IReadOnlyDictionary<string, JsonElement> item, SessionIndex index) =>
        item.ContainsKey(index.PartitionKey) && item.ContainsKey(index.SortKey);

    private static int EntryUnits(IReadOnlyDictionary<string, JsonElement> item, SessionIndex index)
    {
        var attributes = new HashSet<string>(StringComparer.Ordinal) { SessionTable.PartitionKey, index.PartitionKey, index.SortKey };
        attributes.UnionWith(index.Projection ?? []);
        return Units(ItemSize.Of(item, attributes) + IndexEntryOverheadBytes, WriteUnitBytes);
    }

    private static bool Same(IReadOnlyDictionary<string, JsonElement> before, IReadOnlyDictionary<string, JsonElement> after, string attribute)
    {
        var had = before.TryGetValue(attribute, out var old);
        var has = after.TryGetValue(attribute, out var now);
        return had == has && (!had || JsonElement.DeepEquals(old, now));
    }

    private static int Units(int bytes, int unitBytes) => Math.Max(1, (bytes + unitBytes - 1) / unitBytes);
}

/// <summary>The write units of one write: the table's and the indexes'.</summary>
internal readonly record struct WriteCost(int Table, int Indexes)
{
    public int Total => Table + Indexes;
}
