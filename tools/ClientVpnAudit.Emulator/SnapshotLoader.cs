using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClientVpnAudit.Emulator;

/// <summary>
/// Reads and writes snapshots: the AWS CLI JSON of <c>describe-client-vpn-connections</c> (<c>{"Connections":[...]}</c>),
/// optionally with a <c>"ClientVpnEndpoints"</c> array shaped like the items of <c>describe-client-vpn-endpoints</c>
/// and a <c>"CapturedAt"</c> time (<see cref="CaptureTime"/>).
/// </summary>
public static partial class SnapshotLoader
{
    public const string GeneratedSourceName = "generated";

    public static Snapshot Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SnapshotException($"{path}: file not found", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SnapshotException($"{path}: cannot read: {OneLine(exception.Message)}", exception);
        }
        return Parse(json, path);
    }

    public static Snapshot Parse(string json, string sourceName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            var line = (exception.LineNumber ?? 0) + 1;
            throw new SnapshotException($"{sourceName}: line {line}: invalid JSON: {JsonErrorText(exception)}", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("Connections", out var connectionsJson)
                || connectionsJson.ValueKind != JsonValueKind.Array)
            {
                throw new SnapshotException($"{sourceName}: not a snapshot: no Connections array");
            }

            var capturedAt = ReadCapturedAt(root, sourceName);

            var connections = new List<SnapshotConnection>(connectionsJson.GetArrayLength());
            var index = 0;
            foreach (var item in connectionsJson.EnumerateArray())
            {
                connections.Add(ReadConnection(item, $"{sourceName}: Connections[{index}]"));
                index++;
            }

            List<SnapshotEndpoint>? endpoints = null;
            if (root.TryGetProperty("ClientVpnEndpoints", out var endpointsJson) && endpointsJson.ValueKind != JsonValueKind.Null)
            {
                if (endpointsJson.ValueKind != JsonValueKind.Array)
                {
                    throw new SnapshotException($"{sourceName}: ClientVpnEndpoints is not an array");
                }
                endpoints = [];
                index = 0;
                foreach (var item in endpointsJson.EnumerateArray())
                {
                    endpoints.Add(ReadEndpoint(item, $"{sourceName}: ClientVpnEndpoints[{index}]"));
                    index++;
                }
            }

            var snapshot = Build(connections, endpoints, sourceName, capturedAt);
            snapshot.AccountId = ReadText(root, "AccountId", sourceName);
            snapshot.Region = ReadText(root, "Region", sourceName);
            return snapshot;
        }
    }

    /// <summary>
    /// A snapshot from objects (generators, tests, a capture). Without endpoints, they are derived from the connections.
    /// <paramref name="capturedAt"/> is kept as a file holds it: in UTC, cut to the whole second.
    /// </summary>
    public static Snapshot FromConnections(IEnumerable<SnapshotConnection> connections,
        IEnumerable<SnapshotEndpoint>? endpoints = null, string sourceName = GeneratedSourceName, DateTimeOffset? capturedAt = null)
    {
        var list = connections.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                throw new SnapshotException($"{sourceName}: Connections[{i}] is null");
            }
            if (string.IsNullOrWhiteSpace(list[i].ClientVpnEndpointId))
            {
                throw new SnapshotException($"{sourceName}: Connections[{i}] has no ClientVpnEndpointId");
            }
        }

        List<SnapshotEndpoint>? endpointList = null;
        if (endpoints is not null)
        {
            endpointList = endpoints.ToList();
            for (var i = 0; i < endpointList.Count; i++)
            {
                if (endpointList[i] is null || string.IsNullOrWhiteSpace(endpointList[i].ClientVpnEndpointId))
                {
                    throw new SnapshotException($"{sourceName}: ClientVpnEndpoints[{i}] has no ClientVpnEndpointId");
                }
            }
        }
        return Build(list, endpointList, sourceName, capturedAt is { } time ? CaptureTime.Normalize(time) : null);
    }

    /// <summary>Writes the snapshot as AWS CLI JSON, in the form <see cref="Load"/> reads.</summary>
    public static void Save(Snapshot snapshot, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        using var stream = File.Create(path);
        Write(snapshot, stream);
    }

    /// <summary>The snapshot as AWS CLI JSON text.</summary>
    public static string ToJson(Snapshot snapshot)
    {
        using var stream = new MemoryStream();
        Write(snapshot, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Snapshot Build(List<SnapshotConnection> connections, List<SnapshotEndpoint>? endpoints, string sourceName,
        DateTimeOffset? capturedAt)
    {
        if (endpoints is null)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var derived = new List<SnapshotEndpoint>();
            foreach (var connection in connections)
            {
                if (seen.Add(connection.ClientVpnEndpointId))
                {
                    derived.Add(new SnapshotEndpoint(connection.ClientVpnEndpointId));
                }
            }
            return new Snapshot(connections, derived, endpointsGiven: false, sourceName, capturedAt);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < endpoints.Count; i++)
        {
            if (!ids.Add(endpoints[i].ClientVpnEndpointId))
            {
                throw new SnapshotException(
                    $"{sourceName}: ClientVpnEndpoints[{i}] repeats {endpoints[i].ClientVpnEndpointId}");
            }
        }
        return new Snapshot(connections, endpoints, endpointsGiven: true, sourceName, capturedAt);
    }

    /// <summary>An optional top-level string; its meaning is checked by whoever uses it.</summary>
    private static string? ReadText(JsonElement root, string name, string sourceName)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new SnapshotException($"{sourceName}: {name} is not a string");
    }

    private static DateTimeOffset? ReadCapturedAt(JsonElement root, string sourceName)
    {
        if (!root.TryGetProperty("CapturedAt", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String && CaptureTime.TryParse(value.GetString(), out var time))
        {
            return time;
        }
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
        throw new SnapshotException(
            $"{sourceName}: CapturedAt '{OneLine(text ?? "")}' is not a UTC time like {CaptureTime.Example}");
    }

    private static SnapshotConnection ReadConnection(JsonElement item, string where)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new SnapshotException($"{where} is not an object");
        }

        string? endpointId = null, timestamp = null, connectionId = null, username = null, established = null;
        string? ingressBytes = null, egressBytes = null, ingressPackets = null, egressPackets = null;
        string? clientIp = null, clientIpv6 = null, commonName = null, statusCode = null, statusMessage = null, endTime = null;
        List<string>? posture = null;

        foreach (var property in item.EnumerateObject())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "ClientVpnEndpointId": endpointId = Scalar(value, where, property.Name); break;
                case "Timestamp": timestamp = Scalar(value, where, property.Name); break;
                case "ConnectionId": connectionId = Scalar(value, where, property.Name); break;
                case "Username": username = Scalar(value, where, property.Name); break;
                case "ConnectionEstablishedTime": established = Scalar(value, where, property.Name); break;
                case "IngressBytes": ingressBytes = Scalar(value, where, property.Name); break;
                case "EgressBytes": egressBytes = Scalar(value, where, property.Name); break;
                case "IngressPackets": ingressPackets = Scalar(value, where, property.Name); break;
                case "EgressPackets": egressPackets = Scalar(value, where, property.Name); break;
                case "ClientIp": clientIp = Scalar(value, where, property.Name); break;
                case "ClientIpv6Address": clientIpv6 = Scalar(value, where, property.Name); break;
                case "CommonName": commonName = Scalar(value, where, property.Name); break;
                case "ConnectionEndTime": endTime = Scalar(value, where, property.Name); break;
                case "Status":
                    if (value.ValueKind == JsonValueKind.Object)
                    {
                        if (value.TryGetProperty("Code", out var code)) statusCode = Scalar(code, where, "Status.Code");
                        if (value.TryGetProperty("Message", out var message)) statusMessage = Scalar(message, where, "Status.Message");
                    }
                    else if (value.ValueKind != JsonValueKind.Null)
                    {
                        throw new SnapshotException($"{where}.Status is not an object");
                    }
                    break;
                case "PostureComplianceStatuses":
                    if (value.ValueKind == JsonValueKind.Array)
                    {
                        posture = [];
                        foreach (var entry in value.EnumerateArray())
                        {
                            posture.Add(Scalar(entry, where, property.Name) ?? "");
                        }
                    }
                    else if (value.ValueKind != JsonValueKind.Null)
                    {
                        throw new SnapshotException($"{where}.PostureComplianceStatuses is not an array");
                    }
                    break;
            }
        }

        if (string.IsNullOrWhiteSpace(endpointId))
        {
            throw new SnapshotException($"{where} has no ClientVpnEndpointId");
        }

        return new SnapshotConnection(endpointId, timestamp, connectionId, username, established,
            ingressBytes, egressBytes, ingressPackets, egressPackets, clientIp, clientIpv6, commonName,
            statusCode, statusMessage, endTime, posture);
    }

    private static SnapshotEndpoint ReadEndpoint(JsonElement item, string where)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new SnapshotException($"{where} is not an object");
        }
        var id = item.TryGetProperty("ClientVpnEndpointId", out var idJson) ? JsonValues.AsRawString(idJson) : null;
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new SnapshotException($"{where} has no ClientVpnEndpointId");
        }
        string? status = null;
        if (item.TryGetProperty("Status", out var statusJson) && statusJson.ValueKind == JsonValueKind.Object
            && statusJson.TryGetProperty("Code", out var codeJson))
        {
            status = JsonValues.AsRawString(codeJson);
        }
        return new SnapshotEndpoint(id, status, item.Clone());
    }

    private static string? Scalar(JsonElement value, string where, string name)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (!JsonValues.IsScalar(value))
        {
            throw new SnapshotException($"{where}.{name} is not a string");
        }
        return JsonValues.AsRawString(value);
    }

    private static void Write(Snapshot snapshot, Stream stream)
    {
        var options = new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 4,
            // The CLI prints non-ASCII text as is.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using var json = new Utf8JsonWriter(stream, options);
        json.WriteStartObject();
        // First, so a reader sees when the poll was taken before its connections.
        if (snapshot.CapturedAt is { } capturedAt)
        {
            json.WriteString("CapturedAt", CaptureTime.ToText(capturedAt));
        }

        WriteString(json, "AccountId", snapshot.AccountId);
        WriteString(json, "Region", snapshot.Region);
        json.WriteStartArray("Connections");
        foreach (var connection in snapshot.Connections)
        {
            WriteConnection(json, connection);
        }
        json.WriteEndArray();
        if (snapshot.EndpointsGiven)
        {
            json.WriteStartArray("ClientVpnEndpoints");
            foreach (var endpoint in snapshot.Endpoints)
            {
                WriteEndpoint(json, endpoint);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteConnection(Utf8JsonWriter json, SnapshotConnection c)
    {
        json.WriteStartObject();
        WriteString(json, "ClientVpnEndpointId", c.ClientVpnEndpointId);
        WriteString(json, "Timestamp", c.Timestamp);
        WriteString(json, "ConnectionId", c.ConnectionId);
        WriteString(json, "Username", c.Username);
        WriteString(json, "ConnectionEstablishedTime", c.ConnectionEstablishedTime);
        WriteString(json, "IngressBytes", c.IngressBytes);
        WriteString(json, "EgressBytes", c.EgressBytes);
        WriteString(json, "IngressPackets", c.IngressPackets);
        WriteString(json, "EgressPackets", c.EgressPackets);
        WriteString(json, "ClientIp", c.ClientIp);
        WriteString(json, "ClientIpv6Address", c.ClientIpv6Address);
        WriteString(json, "CommonName", c.CommonName);
        if (c.StatusCode is not null || c.StatusMessage is not null)
        {
            json.WriteStartObject("Status");
            WriteString(json, "Code", c.StatusCode);
            WriteString(json, "Message", c.StatusMessage);
            json.WriteEndObject();
        }
        WriteString(json, "ConnectionEndTime", c.ConnectionEndTime);
        if (c.PostureComplianceStatuses is not null)
        {
            json.WriteStartArray("PostureComplianceStatuses");
            foreach (var status in c.PostureComplianceStatuses)
            {
                json.WriteStringValue(status);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteEndpoint(Utf8JsonWriter json, SnapshotEndpoint endpoint)
    {
        if (endpoint.Json is { } element)
        {
            element.WriteTo(json);
            return;
        }
        json.WriteStartObject();
        json.WriteString("ClientVpnEndpointId", endpoint.ClientVpnEndpointId);
        if (endpoint.StatusCode is not null)
        {
            json.WriteStartObject("Status");
            json.WriteString("Code", endpoint.StatusCode);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    // System.Text.Json appends its own zero-based "LineNumber: n | BytePositionInLine: m." which would contradict our line.
    private static string JsonErrorText(JsonException exception)
    {
        var text = JsonPosition().Replace(exception.Message, "").Trim();
        if (exception.BytePositionInLine is { } column)
        {
            text += $" (column {column + 1})";
        }
        return OneLine(text);
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"\s*(Path: \S+ \| )?LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex JsonPosition();
}
