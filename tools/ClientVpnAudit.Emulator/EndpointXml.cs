using System.Text.Json;

namespace ClientVpnAudit.Emulator;

/// <summary>
/// A ClientVpnEndpoint as an <c>&lt;item&gt;</c>, written from the endpoint's AWS CLI JSON. A JSON member Foo becomes
/// <c>&lt;foo&gt;</c>, lists hold <c>&lt;item&gt;</c>s; the table lists the EC2 model's exceptions to that rule
/// (botocore locationNames), so fields added to the model later are still served.
/// </summary>
internal static class EndpointXml
{
    private sealed record Shape(string? Name, IReadOnlyDictionary<string, Shape>? Members = null);

    private static readonly Shape Endpoint = new(null, new Dictionary<string, Shape>
    {
        ["DnsServers"] = new("dnsServer"),
        ["AssociatedTargetNetworks"] = new("associatedTargetNetwork"),
        ["Tags"] = new("tagSet"),
        ["SecurityGroupIds"] = new("securityGroupIdSet"),
        // These three members have no locationName in the model, so EC2 writes them in PascalCase.
        ["ConnectionLogOptions"] = new("connectionLogOptions", new Dictionary<string, Shape>
        {
            ["Enabled"] = new("Enabled"),
            ["CloudwatchLogGroup"] = new("CloudwatchLogGroup"),
            ["CloudwatchLogStream"] = new("CloudwatchLogStream"),
        }),
        ["TransitGatewayConfiguration"] = new("transitGatewayConfiguration", new Dictionary<string, Shape>
        {
            ["AvailabilityZones"] = new("availabilityZoneSet"),
            ["AvailabilityZoneIds"] = new("availabilityZoneIdSet"),
        }),
    });

    public static void WriteItem(Ec2XmlWriter x, SnapshotEndpoint endpoint)
    {
        if (endpoint.Json is { ValueKind: JsonValueKind.Object } json)
        {
            Write(x, "item", json, Endpoint);
            return;
        }
        x.Start("item");
        x.Text("clientVpnEndpointId", endpoint.ClientVpnEndpointId);
        if (endpoint.StatusCode is not null)
        {
            x.Start("status");
            x.Text("code", endpoint.StatusCode);
            x.End();
        }
        x.End();
    }

    private static void Write(Ec2XmlWriter x, string name, JsonElement value, Shape? shape)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                x.Start(name);
                foreach (var property in value.EnumerateObject())
                {
                    Shape? member = null;
                    shape?.Members?.TryGetValue(property.Name, out member);
                    Write(x, member?.Name ?? CamelCase(property.Name), property.Value, member);
                }
                x.End();
                break;
            case JsonValueKind.Array:
                x.Start(name);
                foreach (var item in value.EnumerateArray())
                {
                    // List members (Tags' Key/Value, AssociatedTargetNetworks' NetworkId, ...) follow the default rule.
                    Write(x, "item", item, null);
                }
                x.End();
                break;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                break;
            default:
                x.Text(name, JsonValues.AsRawString(value));
                break;
        }
    }

    private static string CamelCase(string name) =>
        name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
