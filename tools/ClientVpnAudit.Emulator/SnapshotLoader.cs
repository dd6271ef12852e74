using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClientVpnAudit.Emulator;

/// <summary>
/// Reads and writes snapshots: the AWS CLI JSON of <c>describe-client-vpn-connections</c> (<c>{"Connections":[...]}</c>),
/// optionally with a <c>"ClientVpnEndpoints"</c> array shaped like the items of <c>describe-client-vpn-endpoints</c>,
/// a <c>"CapturedAt"</c> time (<see cref="CaptureTime"/>) and the target's <c>"AccountId"</c> and <c>"Region"</c>.
/// A poll of several targets holds, instead of the top-level Connections, ClientVpnEndpoints, AccountId and Region,
/// a <c>"Targets"</c> array of objects with those four members (AccountId and Region required), under one CapturedAt.
/// </summary>
public static partial class SnapshotLoader
{
    public const string GeneratedSourceName = "generated";

    private const string TargetsName = "Targets";

    /// <summary>A single-target file (or a file whose Targets array holds one target).</summary>
    /// <exception cref="SnapshotException">The file cannot be read, is not a snapshot, or holds several targets.</exception>
    public static Snapshot Load(string path) => OnlyTarget(LoadPoll(path));

    /// <summary>Every target of a file, in either form.</summary>
    /// <exception cref="SnapshotException">The file cannot be read or is not a snapshot; the message names the file.</exception>
    public static SnapshotPoll LoadPoll(string path)
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
        return ParsePoll(json, path);
    }

    /// <inheritdoc cref="Load"/>
    public static Snapshot Parse(string json, string sourceName) => OnlyTarget(ParsePoll(json, sourceName));

    /// <inheritdoc cref="LoadPoll"/>
    public static SnapshotPoll ParsePoll(string json, string sourceName)
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
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(TargetsName, out var targetsJson)
                && targetsJson.ValueKind != JsonValueKind.Null)
            {
                return ReadTargets(root, targetsJson, sourceName);
            }

            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("Connections", out var connectionsJson)
                || connectionsJson.ValueKind != JsonValueKind.Array)
            {
                throw new SnapshotException($"{sourceName}: not a snapshot: no Connections array");
            }

            var capturedAt = ReadCapturedAt(root, sourceName);
            var snapshot = ReadTarget(root, connectionsJson, sourceName, "", capturedAt,
                ReadText(root, "AccountId", $"{sourceName}: "), ReadText(root, "Region", $"{sourceName}: "));
            return SnapshotPoll.Of(snapshot);
        }
    }

    /// <summary>
    /// A snapshot from objects (generators, tests, a capture). Without endpoints, they are derived from the connections.
    /// <paramref name="capturedAt"/> is kept as a file holds it: in UTC, cut to the whole second.
    /// </summary>
    public static Snapshot FromConnections(IEnumerable<SnapshotConnection> connections,
        IEnumerable<SnapshotEndpoint>? endpoints = null, string sourceName = GeneratedSourceName, DateTimeOffset? capturedAt = null,
        string? accountId = null, string? region = null)
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
        return Build(list, endpointList, sourceName, "", capturedAt is { } time ? CaptureTime.Normalize(time) : null, accountId, region);
    }

    /// <summary>
    /// A poll of these targets, as one file holds them: one CapturedAt for all, and with several targets, each naming
    /// its AccountId and Region, no two alike.
    /// </summary>
    public static SnapshotPoll FromTargets(IEnumerable<Snapshot> targets, string sourceName = GeneratedSourceName)
    {
        var list = targets.ToList();
        if (list.Count == 0)
        {
            throw new SnapshotException($"{sourceName}: a poll needs at least one target");
        }
        for (var i = 0; i < list.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(list[i], nameof(targets));
            if (list[i].CapturedAt != list[0].CapturedAt)
            {
                throw new SnapshotException($"{sourceName}: {TargetsName}[{i}] was captured at {Describe(list[i].CapturedAt)}, "
                    + $"{TargetsName}[0] at {Describe(list[0].CapturedAt)}: the targets of one poll share one CapturedAt");
            }
        }
        if (list.Count > 1)
        {
            CheckTargets(list, sourceName);
        }
        return new SnapshotPoll(list, sourceName, list[0].CapturedAt);
    }

    /// <summary>Writes the snapshot as AWS CLI JSON, in the form <see cref="Load"/> reads.</summary>
    public static void Save(Snapshot snapshot, string path) => Save(SnapshotPoll.Of(snapshot), path);

    /// <summary>Writes the poll as AWS CLI JSON: a poll of one target in the single-target form, else with Targets.</summary>
    public static void Save(SnapshotPoll poll, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
        using var stream = File.Create(path);
        Write(poll, stream);
    }

    /// <summary>The snapshot as AWS CLI JSON text.</summary>
    public static string ToJson(Snapshot snapshot) => ToJson(SnapshotPoll.Of(snapshot));

    /// <summary>The poll as AWS CLI JSON text, in the form <see cref="Save(SnapshotPoll, string)"/> writes.</summary>
    public static string ToJson(SnapshotPoll poll)
    {
        using var stream = new MemoryStream();
        Write(poll, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Snapshot OnlyTarget(SnapshotPoll poll) => poll.IsSingleTarget
        ? poll.Targets[0]
        : throw new SnapshotException($"{poll.SourceName}: holds {poll.Targets.Count} targets ({TargetsName}), not one: "
            + "read it as a poll of several targets");

    private static SnapshotPoll ReadTargets(JsonElement root, JsonElement targetsJson, string sourceName)
    {
        foreach (var single in new[] { "Connections", "ClientVpnEndpoints", "AccountId", "Region" })
        {
            if (root.TryGetProperty(single, out _))
            {
                throw new SnapshotException($"{sourceName}: has both {TargetsName} and a top-level {single}: "
                    + $"a file holds one target (top-level Connections) or several ({TargetsName}, each with its own {single})");
            }
        }
        if (targetsJson.ValueKind != JsonValueKind.Array)
        {
            throw new SnapshotException($"{sourceName}: {TargetsName} is not an array");
        }
        if (targetsJson.GetArrayLength() == 0)
        {
            throw new SnapshotException($"{sourceName}: {TargetsName} is empty: a poll needs at least one target");
        }

        var capturedAt = ReadCapturedAt(root, sourceName);
        var targets = new List<Snapshot>();
        var index = 0;
        foreach (var item in targetsJson.EnumerateArray())
        {
            var where = $"{sourceName}: {TargetsName}[{index}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new SnapshotException($"{where} is not an object");
            }
            if (item.TryGetProperty("CapturedAt", out _))
            {
                throw new SnapshotException($"{where} has its own CapturedAt: the poll's one CapturedAt is at the top level");
            }
            var accountId = ReadText(item, "AccountId", where + ".");
            if (string.IsNullOrWhiteSpace(accountId))
            {
                throw new SnapshotException($"{where} has no AccountId");
            }
            var region = ReadText(item, "Region", where + ".");
            if (string.IsNullOrWhiteSpace(region))
            {
                throw new SnapshotException($"{where} has no Region");
            }
            if (!item.TryGetProperty("Connections", out var connectionsJson) || connectionsJson.ValueKind != JsonValueKind.Array)
            {
                throw new SnapshotException($"{where} has no Connections array");
            }
            targets.Add(ReadTarget(item, connectionsJson, sourceName, $"{TargetsName}[{index}].", capturedAt, accountId, region));
            index++;
        }

        CheckTargets(targets, sourceName);
        return new SnapshotPoll(targets, sourceName, capturedAt);
    }

    /// <summary>Each of several targets names an account and a region, and no two the same pair.</summary>
    private static void CheckTargets(IReadOnlyList<Snapshot> targets, string sourceName)
    {
        var seen = new Dictionary<(string, string), int>();
        for (var i = 0; i < targets.Count; i++)
        {
            var (accountId, region) = (targets[i].AccountId?.Trim(), targets[i].Region?.Trim());
            if (string.IsNullOrEmpty(accountId))
            {
                throw new SnapshotException($"{sourceName}: {TargetsName}[{i}] has no AccountId");
            }
            if (string.IsNullOrEmpty(region))
            {
                throw new SnapshotException($"{sourceName}: {TargetsName}[{i}] has no Region");
            }
            if (!seen.TryAdd((accountId, region), i))
            {
                throw new SnapshotException($"{sourceName}: {TargetsName}[{i}] repeats {accountId}:{region} of "
                    + $"{TargetsName}[{seen[(accountId, region)]}]: one poll lists each account and region once");
            }
        }
    }

    /// <param name="path">Where the target sits in the file, before its members: "" or "Targets[1].".</param>
    private static Snapshot ReadTarget(JsonElement target, JsonElement connectionsJson, string sourceName, string path,
        DateTimeOffset? capturedAt, string? accountId, string? region)
    {
        var connections = new List<SnapshotConnection>(connectionsJson.GetArrayLength());
        var index = 0;
        foreach (var item in connectionsJson.EnumerateArray())
        {
            connections.Add(ReadConnection(item, $"{sourceName}: {path}Connections[{index}]"));
            index++;
        }

        List<SnapshotEndpoint>? endpoints = null;
        if (target.TryGetProperty("ClientVpnEndpoints", out var endpointsJson) && endpointsJson.ValueKind != JsonValueKind.Null)
        {
            if (endpointsJson.ValueKind != JsonValueKind.Array)
            {
                throw new SnapshotException($"{sourceName}: {path}ClientVpnEndpoints is not an array");
            }
            endpoints = [];
            index = 0;
            foreach (var item in endpointsJson.EnumerateArray())
            {
                endpoints.Add(ReadEndpoint(item, $"{sourceName}: {path}ClientVpnEndpoints[{index}]"));
                index++;
            }
        }

        return Build(connections, endpoints, sourceName, path, capturedAt, accountId, region);
    }

    private static Snapshot Build(List<SnapshotConnection> connections, List<SnapshotEndpoint>? endpoints, string sourceName,
        string path, DateTimeOffset? capturedAt, string? accountId, string? region)
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
            return new Snapshot(connections, derived, endpointsGiven: false, sourceName, capturedAt, accountId, region);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < endpoints.Count; i++)
        {
            if (!ids.Add(endpoints[i].ClientVpnEndpointId))
            {
                throw new SnapshotException(
                    $"{sourceName}: {path}ClientVpnEndpoints[{i}] repeats {endpoints[i].ClientVpnEndpointId}");
            }
        }
        return new Snapshot(connections, endpoints, endpointsGiven: true, sourceName, capturedAt, accountId, region);
    }

    private static string Describe(DateTimeOffset? capturedAt) => capturedAt is { } time ? CaptureTime.ToText(time) : "no time";

    /// <summary>An optional top-level string; its meaning is checked by whoever uses it.</summary>
    /// <param name="where">What names the object in a message, ending in ": " or ".".</param>
    private static string? ReadText(JsonElement root, string name, string where)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new SnapshotException($"{where}{name} is not a string");
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

    private static void Write(SnapshotPoll poll, Stream stream)
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
        if (poll.CapturedAt is { } capturedAt)
        {
            json.WriteString("CapturedAt", CaptureTime.ToText(capturedAt));
        }

        if (poll.IsSingleTarget)
        {
            WriteTargetMembers(json, poll.Targets[0]);
        }
        else
        {
            json.WriteStartArray(TargetsName);
            foreach (var target in poll.Targets)
            {
                json.WriteStartObject();
                WriteTargetMembers(json, target);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteTargetMembers(Utf8JsonWriter json, Snapshot snapshot)
    {
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
