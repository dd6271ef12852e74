using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace ClientVpnAudit.Archiver.Storage;

/// <summary>Small constructors for DynamoDB attribute values; null in, null out, so absent stays absent.</summary>
internal static class AttributeValues
{
    public static AttributeValue? String(string? value) => value is null ? null : new AttributeValue { S = value };

    public static AttributeValue? Number(long? value) =>
        value is null ? null : new AttributeValue { N = value.Value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Bool(bool value) => new() { BOOL = value };

    public static AttributeValue? StringList(IReadOnlyList<string>? values) =>
        values is null ? null : new AttributeValue { L = values.Select(value => new AttributeValue { S = value }).ToList() };
}
