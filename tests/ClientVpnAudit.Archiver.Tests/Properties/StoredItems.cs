using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace ClientVpnAudit.Archiver.Tests.Properties;

/// <summary>Stored items as text, attribute by attribute, and the differences between two reads of a table.</summary>
internal static class StoredItems
{
    public static string Render(Dictionary<string, AttributeValue> item) =>
        "{" + string.Join(", ", item.OrderBy(attribute => attribute.Key, StringComparer.Ordinal)
            .Select(attribute => $"{attribute.Key}={Render(attribute.Value)}")) + "}";

    public static string Render(AttributeValue value) =>
        value.S is not null ? value.S
        : value.N is not null ? value.N
        : value.BOOL is { } flag ? flag.ToString(CultureInfo.InvariantCulture).ToLowerInvariant()
        : value.L is { } list ? "[" + string.Join(", ", list.Select(Render)) + "]"
        : value.NULL == true ? "null"
        : "?";

    /// <summary>Every item added, removed or changed, and within a changed item every attribute that differs.</summary>
    public static IReadOnlyList<string> Differences(
        IReadOnlyDictionary<string, Dictionary<string, AttributeValue>> before,
        IReadOnlyDictionary<string, Dictionary<string, AttributeValue>> after)
    {
        var differences = new List<string>();
        foreach (var connectionId in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            if (!after.TryGetValue(connectionId, out var now))
            {
                differences.Add($"{connectionId} disappeared; it was {Render(before[connectionId])}");
                continue;
            }

            if (!before.TryGetValue(connectionId, out var was))
            {
                differences.Add($"{connectionId} appeared: {Render(now)}");
                continue;
            }

            foreach (var name in was.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
            {
                var oldValue = was.TryGetValue(name, out var o) ? Render(o) : "(absent)";
                var newValue = now.TryGetValue(name, out var n) ? Render(n) : "(absent)";
                if (oldValue != newValue)
                {
                    differences.Add($"{connectionId}.{name} went from {oldValue} to {newValue}");
                }
            }
        }

        return differences;
    }
}
