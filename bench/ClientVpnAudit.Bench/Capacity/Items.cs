using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClientVpnAudit.Bench.Capacity;

/// <summary>Items as the capacity rules take them: attribute name -> typed value element ({"S": "..."}).</summary>
internal static class Items
{
    public static Dictionary<string, JsonElement> FromObject(JsonElement item)
    {
        var attributes = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var attribute in item.EnumerateObject())
        {
            attributes[attribute.Name] = attribute.Value;
        }

        return attributes;
    }

    public static Dictionary<string, JsonElement> FromNode(JsonObject item) => FromObject(JsonSerializer.SerializeToElement(item));
}
