using System.Globalization;
using Amazon.EC2.Model;

namespace ClientVpnAudit.Archiver.Sessions;

/// <summary>Maps one AWS connection to an <see cref="ObservedSession"/>, or says why it cannot be archived.</summary>
public static class ConnectionMapper
{
    /// <param name="listedEndpointId">
    /// The endpoint whose listing held the connection. The connection is archived under it, whatever endpoint it names;
    /// naming another one is a warning.
    /// </param>
    public static ConnectionMapping Map(ClientVpnConnection connection, string listedEndpointId, Target target)
    {
        var connectionId = NonEmpty(connection.ConnectionId);
        if (connectionId is null)
        {
            return ConnectionMapping.Malformed("no ConnectionId");
        }

        var observedAt = AuditTime.ParseAws(connection.Timestamp);
        if (observedAt is null)
        {
            return ConnectionMapping.Malformed($"{connectionId} has no usable Timestamp");
        }

        var established = AuditTime.ParseAws(connection.ConnectionEstablishedTime);
        if (established is null)
        {
            return ConnectionMapping.Malformed($"{connectionId} has no usable ConnectionEstablishedTime");
        }

        var status = NonEmpty(connection.Status?.Code);
        if (status is null)
        {
            return ConnectionMapping.Malformed($"{connectionId} has no Status");
        }

        var ended = AuditTime.ParseAws(connection.ConnectionEndTime);
        if (ended is null && !AuditTime.IsAbsent(connection.ConnectionEndTime))
        {
            return ConnectionMapping.Malformed($"{connectionId} has an unreadable ConnectionEndTime");
        }

        var warnings = new List<string>();
        if (NonEmpty(connection.ClientVpnEndpointId) is { } namedEndpointId && namedEndpointId != listedEndpointId)
        {
            warnings.Add($"{connectionId} names {namedEndpointId} but was listed by {listedEndpointId}; archived under {listedEndpointId}");
        }

        var session = new ObservedSession
        {
            ConnectionId = connectionId,
            ClientVpnEndpointId = listedEndpointId,
            Target = target,
            Status = status,
            StatusMessage = NonEmpty(connection.Status?.Message),
            Username = NonEmpty(connection.Username),
            CommonName = NonEmpty(connection.CommonName),
            ClientIp = NonEmpty(connection.ClientIp),
            ClientIpv6Address = NonEmpty(connection.ClientIpv6Address),
            ConnectionEstablishedTime = AuditTime.Format(established.Value),
            ConnectionEndTime = ended is null ? null : AuditTime.Format(ended.Value),
            DurationSeconds = ended is null ? null : (long)(ended.Value - established.Value).TotalSeconds,
            IngressBytes = Counter(connection.IngressBytes, nameof(connection.IngressBytes), warnings),
            EgressBytes = Counter(connection.EgressBytes, nameof(connection.EgressBytes), warnings),
            IngressPackets = Counter(connection.IngressPackets, nameof(connection.IngressPackets), warnings),
            EgressPackets = Counter(connection.EgressPackets, nameof(connection.EgressPackets), warnings),
            PostureComplianceStatuses = connection.PostureComplianceStatuses is { Count: > 0 } statuses ? statuses.ToArray() : null,
            ObservedAt = AuditTime.Format(observedAt.Value),
        };

        return ConnectionMapping.Mapped(session, warnings);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static long? Counter(string? value, string name, List<string> warnings)
    {
        if (long.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        warnings.Add($"{name} '{value}' is not a non-negative integer");
        return null;
    }
}

/// <summary>
/// The outcome of mapping one connection: a session (with a warning per unreadable counter, and one when it names
/// another endpoint than the listing's) or why it was skipped.
/// </summary>
public sealed record ConnectionMapping(ObservedSession? Session, IReadOnlyList<string> Warnings, string? MalformedReason)
{
    public static ConnectionMapping Mapped(ObservedSession session, IReadOnlyList<string> warnings) => new(session, warnings, null);

    public static ConnectionMapping Malformed(string reason) => new(null, [], reason);
}
