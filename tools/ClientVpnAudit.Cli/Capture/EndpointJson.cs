using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Amazon.EC2.Model;
using Amazon.Runtime;

namespace ClientVpnAudit.Cli.Capture;

/// <summary>
/// An SDK <see cref="ClientVpnEndpoint"/> as the AWS CLI prints it, for a snapshot's ClientVpnEndpoints.
/// </summary>
/// <remarks>
/// Why this exists: EC2 answers in XML and the SDK has no JSON form of its model, while snapshots hold the AWS CLI's JSON.
/// Why it walks the object by reflection instead of naming each member: the SDK's property names are the EC2 service
/// model's member names (PascalCase), so one rule writes every member the SDK reads, including members added to the model
/// after this was written. It is the inverse of the emulator's EndpointXml, which serves any JSON member by rule.
/// The rule: nulls are left out; strings, booleans and numbers are written as JSON strings, booleans and numbers;
/// enumeration values (ConstantClass) as their string; lists as arrays; model objects as objects with their members in
/// ordinal order of name. An empty list comes back absent: the SDK reads an empty list element as null (collections are
/// not initialized), so it cannot tell the two apart.
/// </remarks>
internal static class EndpointJson
{
    public static JsonElement From(ClientVpnEndpoint endpoint)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            WriteValue(json, endpoint);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void WriteValue(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case string text:
                json.WriteStringValue(text);
                break;
            case ConstantClass constant:
                json.WriteStringValue(constant.Value);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case int or long or short or byte:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double or float or decimal:
                json.WriteNumberValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
                break;
            case DateTime time:
                // No endpoint member is a timestamp today; the AWS CLI prints timestamps in ISO 8601 with the offset.
                json.WriteStringValue(time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture));
                break;
            case IEnumerable list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    if (item is null)
                    {
                        json.WriteNullValue();
                    }
                    else
                    {
                        WriteValue(json, item);
                    }
                }

                json.WriteEndArray();
                break;
            default:
                WriteObject(json, value);
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter json, object value)
    {
        json.WriteStartObject();
        foreach (var property in value.GetType()
                     .GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(property => property.GetIndexParameters().Length == 0)
                     .OrderBy(property => property.Name, StringComparer.Ordinal))
        {
            if (property.GetValue(value) is { } member)
            {
                json.WritePropertyName(property.Name);
                WriteValue(json, member);
            }
        }

        json.WriteEndObject();
    }
}
