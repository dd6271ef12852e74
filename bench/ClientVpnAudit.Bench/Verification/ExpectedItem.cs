using System.Globalization;
using System.Text.Json.Nodes;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Bench.Verification;

/// <summary>
/// The stored item a connection's snapshot implies, built from AWS's raw strings independently of the archiver's
/// mapper: the session record of the design (times in ISO-8601 UTC, counters as numbers, Identity, EndObserved) plus
/// the index keys EstablishedDay (the UTC date) and, while the session has not ended, ActiveEndpointId. No retention is configured, so no ExpiresAt.
/// LastObservedAt is the snapshot's Timestamp; <see cref="ExpectedArchive"/> keeps a later stored one when an end
/// stamped before it lands.
/// </summary>
internal static class ExpectedItem
{
    public const string Terminated = "terminated";

    public static JsonObject From(SnapshotConnection connection, string firstObservedAt, Target target)
    {
        var ended = connection.StatusCode == Terminated;
        var endTime = Iso(connection.ConnectionEndTime);
        var item = new JsonObject
        {
            [SessionAttributes.ConnectionId] = S(connection.ConnectionId!),
            [SessionAttributes.ClientVpnEndpointId] = S(connection.ClientVpnEndpointId),
            [SessionAttributes.AccountId] = S(target.AccountId),
            [SessionAttributes.Region] = S(target.Region),
            [SessionAttributes.Status] = S(connection.StatusCode!),
            [SessionAttributes.ConnectionEstablishedTime] = S(Iso(connection.ConnectionEstablishedTime)!),
            [SessionAttributes.EstablishedDay] = S(Iso(connection.ConnectionEstablishedTime)![..10]),
            [SessionAttributes.IngressBytes] = N(connection.IngressBytes!),
            [SessionAttributes.EgressBytes] = N(connection.EgressBytes!),
            [SessionAttributes.IngressPackets] = N(connection.IngressPackets!),
            [SessionAttributes.EgressPackets] = N(connection.EgressPackets!),
            [SessionAttributes.FirstObservedAt] = S(firstObservedAt),
            [SessionAttributes.LastObservedAt] = S(Iso(connection.Timestamp)!),
        };
        Optional(item, SessionAttributes.StatusMessage, connection.StatusMessage);
        Optional(item, SessionAttributes.Username, connection.Username);
        Optional(item, SessionAttributes.CommonName, connection.CommonName);
        Optional(item, SessionAttributes.Identity, NonEmpty(connection.Username) ?? NonEmpty(connection.CommonName));
        Optional(item, SessionAttributes.ClientIp, connection.ClientIp);
        Optional(item, SessionAttributes.ClientIpv6Address, connection.ClientIpv6Address);
        if (endTime is not null)
        {
            item[SessionAttributes.ConnectionEndTime] = S(endTime);
            var duration = Parse(endTime) - Parse(Iso(connection.ConnectionEstablishedTime)!);
            item[SessionAttributes.DurationSeconds] = N(((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        }

        if (connection.PostureComplianceStatuses is { Count: > 0 } statuses)
        {
            item[SessionAttributes.PostureComplianceStatuses] = new JsonObject
            {
                ["L"] = new JsonArray(statuses.Select(status => (JsonNode)S(status)).ToArray()),
            };
        }

        if (ended)
        {
            item[SessionAttributes.EndObserved] = new JsonObject { ["BOOL"] = true };
        }
        else
        {
            item[SessionAttributes.ActiveEndpointId] = S(connection.ClientVpnEndpointId);
        }

        return item;
    }

    public static string Text(JsonObject item, string attribute) => item[attribute]?["S"]?.GetValue<string>() ?? "";

    /// <summary>AWS's "yyyy-MM-dd HH:mm:ss" (UTC) as the archive's "yyyy-MM-ddTHH:mm:ssZ"; "-" and empty mean absent.</summary>
    public static string? Iso(string? aws) =>
        string.IsNullOrWhiteSpace(aws) || aws == "-"
            ? null
            : DateTime.ParseExact(aws, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
                .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A time of the poll's clock as the archive stores it, to the whole second.</summary>
    public static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTime Parse(string iso) =>
        DateTime.ParseExact(iso, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static void Optional(JsonObject item, string attribute, string? value)
    {
        if (NonEmpty(value) is { } text)
        {
            item[attribute] = S(text);
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static JsonObject S(string value) => new() { ["S"] = value };

    private static JsonObject N(string value) => new() { ["N"] = long.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) };
}
