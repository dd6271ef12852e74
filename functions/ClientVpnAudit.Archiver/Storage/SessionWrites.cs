using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;
using static ClientVpnAudit.Archiver.Storage.AttributeValues;

namespace ClientVpnAudit.Archiver.Storage;

/// <summary>The writes of a session record, as UpdateItem requests; the archiver's are guarded against stale writers.</summary>
internal static class SessionWrites
{
    /// <summary>
    /// Writes a snapshot of a session (see <see cref="Record"/>) under the condition that states
    /// <see cref="UpsertDecision"/>'s rules on the item itself:
    /// AWS's report of an end applies unless an observed end is already stored (then only when newer), provided
    /// LastObservedAt has not moved past what the decision read; any other snapshot applies only when it is newer than
    /// the stored one, newer than a listing that found the session missing, and no observed end is stored.
    /// </summary>
    /// <param name="stored">What the decision read; LastObservedAt becomes the later of its value and the snapshot's.</param>
    public static UpdateItemRequest Upsert(string tableName, ObservedSession session, StoredSession? stored, int retentionDays)
    {
        var lastObservedAfter = UpsertDecision.LastObservedAfter(session, stored);
        var update = Record(session, retentionDays, lastObservedAfter);
        var lastObserved = update.Name(SessionAttributes.LastObservedAt);
        var observedAt = update.Value(String(session.ObservedAt)!);
        var storedIsObservedEnd = $"({update.Name(SessionAttributes.Status)} = {update.Value(String(ConnectionStatus.Terminated)!)}"
            + $" AND {update.Name(SessionAttributes.EndObserved)} = {update.Value(Bool(true))})";
        var newer = $"attribute_not_exists({lastObserved}) OR {lastObserved} < {observedAt}";
        string condition;
        if (session.HasEnded)
        {
            condition = $"{newer} OR ({lastObserved} <= {update.Value(String(lastObservedAfter)!)} AND NOT {storedIsObservedEnd})";
        }
        else
        {
            var missingSince = update.Name(SessionAttributes.MissingSince);
            condition = $"({newer}) AND (attribute_not_exists({missingSince}) OR {missingSince} < {observedAt}) AND NOT {storedIsObservedEnd}";
        }

        return Request(tableName, session.ConnectionId, update, condition);
    }

    /// <summary>
    /// A snapshot of a session as an update: every AWS-derived attribute is overwritten or removed, FirstObservedAt is
    /// kept, MissingSince cleared. Unreadable counters are left as stored.
    /// </summary>
    internal static UpdateExpressionBuilder Record(ObservedSession session, int retentionDays, string lastObservedAt)
    {
        var update = new UpdateExpressionBuilder()
            .Set(SessionAttributes.ClientVpnEndpointId, String(session.ClientVpnEndpointId)!)
            .Set(SessionAttributes.AccountId, String(session.Target.AccountId)!)
            .Set(SessionAttributes.Region, String(session.Target.Region)!)
            .Set(SessionAttributes.Status, String(session.Status)!)
            .SetOrRemove(SessionAttributes.StatusMessage, String(session.StatusMessage))
            .SetOrRemove(SessionAttributes.Username, String(session.Username))
            .SetOrRemove(SessionAttributes.CommonName, String(session.CommonName))
            .SetOrRemove(SessionAttributes.Identity, String(session.Identity))
            .SetOrRemove(SessionAttributes.ClientIp, String(session.ClientIp))
            .SetOrRemove(SessionAttributes.ClientIpv6Address, String(session.ClientIpv6Address))
            .Set(SessionAttributes.ConnectionEstablishedTime, String(session.ConnectionEstablishedTime)!)
            .Set(SessionAttributes.EstablishedDay, String(session.EstablishedDay)!)
            .SetOrRemove(SessionAttributes.ConnectionEndTime, String(session.ConnectionEndTime))
            .SetOrRemove(SessionAttributes.DurationSeconds, Number(session.DurationSeconds))
            .SetOrRemove(SessionAttributes.PostureComplianceStatuses, StringList(session.PostureComplianceStatuses))
            .SetIfNotExists(SessionAttributes.FirstObservedAt, String(session.ObservedAt)!)
            .Set(SessionAttributes.LastObservedAt, String(lastObservedAt)!)
            .Remove(SessionAttributes.MissingSince)
            .SetOrRemove(SessionAttributes.ActiveEndpointId, session.HasEnded ? null : String(session.ClientVpnEndpointId))
            .SetOrRemove(SessionAttributes.EndObserved, session.HasEnded ? Bool(true) : null)
            .SetOrRemove(SessionAttributes.ExpiresAt, Number(ExpiresAt(session, retentionDays)));

        foreach (var (name, value) in Counters(session))
        {
            if (value is not null)
            {
                update.Set(name, Number(value)!);
            }
        }

        return update;
    }

    /// <summary>
    /// Marks a session that a complete listing no longer shows as ended, inferred. The condition re-checks on the item
    /// itself what the (eventually consistent) index said: still not ended, and last seen before the listing.
    /// </summary>
    public static UpdateItemRequest MarkLost(string tableName, string connectionId, string listingTime)
    {
        var update = new UpdateExpressionBuilder()
            .Set(SessionAttributes.Status, String(ConnectionStatus.Terminated)!)
            .Set(SessionAttributes.EndObserved, Bool(false))
            .Set(SessionAttributes.MissingSince, String(listingTime)!)
            .Remove(SessionAttributes.ActiveEndpointId);

        var status = update.Name(SessionAttributes.Status);
        var lastObserved = update.Name(SessionAttributes.LastObservedAt);
        var condition = $"attribute_exists({update.Name(SessionAttributes.ActiveEndpointId)})"
            + $" AND {status} <> {update.Value(String(ConnectionStatus.Terminated)!)}"
            + $" AND {lastObserved} < {update.Value(String(listingTime)!)}";
        return Request(tableName, connectionId, update, condition);
    }

    /// <summary>Epoch seconds of the session's end (else its last observation) plus the retention; null keeps forever.</summary>
    public static long? ExpiresAt(ObservedSession session, int retentionDays)
    {
        if (retentionDays <= 0)
        {
            return null;
        }

        var anchor = AuditTime.ParseStored(session.ConnectionEndTime ?? session.ObservedAt)!.Value;
        return anchor.AddDays(retentionDays).ToUnixTimeSeconds();
    }

    private static IEnumerable<(string Name, long? Value)> Counters(ObservedSession session) =>
    [
        (SessionAttributes.IngressBytes, session.IngressBytes),
        (SessionAttributes.EgressBytes, session.EgressBytes),
        (SessionAttributes.IngressPackets, session.IngressPackets),
        (SessionAttributes.EgressPackets, session.EgressPackets),
    ];

    internal static UpdateItemRequest Request(string tableName, string connectionId, UpdateExpressionBuilder update, string? condition) => new()
    {
        TableName = tableName,
        Key = new Dictionary<string, AttributeValue> { [SessionTable.PartitionKey] = String(connectionId)! },
        UpdateExpression = update.Build(),
        ConditionExpression = condition,
        ExpressionAttributeNames = update.Names,
        ExpressionAttributeValues = update.Values,
        ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
    };
}
