using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;

namespace ClientVpnAudit.Bench.Verification;

/// <summary>An SDK item as DynamoDB JSON, the form the expected items and the capacity rules use.</summary>
internal static class AttributeValueJson
{
    public static JsonObject Item(Dictionary<string, AttributeValue> item)
    {
        var json = new JsonObject();
        foreach (var (name, value) in item)
        {
            json[name] = Value(value);
        }

        return json;
    }

    private static JsonObject Value(AttributeValue value)
    {
        if (value.S is not null)
        {
            return new JsonObject { ["S"] = value.S };
        }

        if (value.N is not null)
        {
            return new JsonObject { ["N"] = value.N };
        }

        if (value.BOOL is { } flag)
        {
            return new JsonObject { ["BOOL"] = flag };
        }

        if (value.NULL is true)
        {
            return new JsonObject { ["NULL"] = true };
        }

        if (value.L is not null)
        {
            return new JsonObject { ["L"] = new JsonArray(value.L.Select(element => (JsonNode)Value(element)).ToArray()) };
        }

        if (value.M is not null)
        {
            var map = new JsonObject();
            foreach (var (key, element) in value.M)
            {
                map[key] = Value(element);
            }

            return new JsonObject { ["M"] = map };
        }

        if (value.SS is not null)
        {
            return new JsonObject { ["SS"] = new JsonArray(value.SS.Select(element => (JsonNode)element).ToArray()) };
        }

        if (value.NS is not null)
        {
            return new JsonObject { ["NS"] = new JsonArray(value.NS.Select(element => (JsonNode)element).ToArray()) };
        }

        throw new NotSupportedException("an attribute value of a type the sessions table never holds");
    }
}
