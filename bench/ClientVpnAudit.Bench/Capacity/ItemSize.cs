using System.Text;
using System.Text.Json;

namespace ClientVpnAudit.Bench.Capacity;

/// <summary>
/// An item's size by DynamoDB's rules: the UTF-8 length of every attribute name plus the size of its value. An item is
/// DynamoDB JSON as on the wire: attribute name -> {"S": "..."} / {"N": "..."} / {"BOOL": true} / {"L": [...]} ...
/// </summary>
internal static class ItemSize
{
    public static int Of(IReadOnlyDictionary<string, JsonElement>? item)
    {
        if (item is null)
        {
            return 0;
        }

        var size = 0;
        foreach (var (name, value) in item)
        {
            size += Encoding.UTF8.GetByteCount(name) + OfValue(value);
        }

        return size;
    }

    /// <summary>The size of the named attributes only (an index entry's keys and projection).</summary>
    public static int Of(IReadOnlyDictionary<string, JsonElement> item, IEnumerable<string> attributes)
    {
        var size = 0;
        foreach (var name in attributes)
        {
            if (item.TryGetValue(name, out var value))
            {
                size += Encoding.UTF8.GetByteCount(name) + OfValue(value);
            }
        }

        return size;
    }

    /// <summary>The size of an item given as one JSON object (a BatchGetItem or Query result).</summary>
    public static int OfObject(JsonElement item)
    {
        var size = 0;
        foreach (var attribute in item.EnumerateObject())
        {
            size += Encoding.UTF8.GetByteCount(attribute.Name) + OfValue(attribute.Value);
        }

        return size;
    }

    /// <summary>
    /// S: UTF-8 bytes. N: 1 byte per two significant digits plus 1. B: the decoded bytes. BOOL and NULL: 1.
    /// Sets: the sum of their elements. L and M: 3 bytes, plus 1 byte and the size of each element (and each key of M).
    /// </summary>
    public static int OfValue(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new NotSupportedException($"not a DynamoDB attribute value: {value.GetRawText()}");
        }

        using var properties = value.EnumerateObject();
        if (!properties.MoveNext())
        {
            throw new NotSupportedException("an empty DynamoDB attribute value");
        }

        var typed = properties.Current;
        var content = typed.Value;
        return typed.Name switch
        {
            "S" => Encoding.UTF8.GetByteCount(content.GetString()!),
            "N" => NumberSize(content.GetString()!),
            "B" => content.GetBytesFromBase64().Length,
            "BOOL" or "NULL" => 1,
            "SS" => content.EnumerateArray().Sum(element => Encoding.UTF8.GetByteCount(element.GetString()!)),
            "NS" => content.EnumerateArray().Sum(element => NumberSize(element.GetString()!)),
            "BS" => content.EnumerateArray().Sum(element => element.GetBytesFromBase64().Length),
            "L" => 3 + content.EnumerateArray().Sum(element => 1 + OfValue(element)),
            "M" => 3 + content.EnumerateObject().Sum(entry => 1 + Encoding.UTF8.GetByteCount(entry.Name) + OfValue(entry.Value)),
            _ => throw new NotSupportedException($"unknown DynamoDB attribute type {typed.Name}"),
        };
    }

    private static int NumberSize(string number)
    {
        var digits = number.AsSpan().TrimStart("-+");
        var exponent = digits.IndexOfAny('e', 'E');
        if (exponent >= 0)
        {
            digits = digits[..exponent];
        }

        var significant = 0;
        var trimmed = digits.Trim('0');
        foreach (var c in trimmed)
        {
            if (c != '.')
            {
                significant++;
            }
        }

        return (Math.Max(significant, 1) + 1) / 2 + 1;
    }
}
