using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Archiver.Storage;

/// <summary>Turns a DynamoDB item (or the projection of it that the archiver reads) into a <see cref="StoredSession"/>.</summary>
internal static class StoredSessionReader
{
    public static StoredSession? FromItem(Dictionary<string, AttributeValue>? item)
    {
        if (item is null || String(item, SessionAttributes.ConnectionId) is not { } connectionId)
        {
            return null;
        }

        return new StoredSession
        {
            ConnectionId = connectionId,
            Status = String(item, SessionAttributes.Status),
            StatusMessage = String(item, SessionAttributes.StatusMessage),
            ConnectionEndTime = String(item, SessionAttributes.ConnectionEndTime),
            Username = String(item, SessionAttributes.Username),
            CommonName = String(item, SessionAttributes.CommonName),
            ClientIp = String(item, SessionAttributes.ClientIp),
            ClientIpv6Address = String(item, SessionAttributes.ClientIpv6Address),
            PostureComplianceStatuses = item.TryGetValue(SessionAttributes.PostureComplianceStatuses, out var list) && list.L is { } values
                ? values.Select(value => value.S).ToArray()
                : null,
            LastObservedAt = String(item, SessionAttributes.LastObservedAt) ?? string.Empty,
            MissingSince = String(item, SessionAttributes.MissingSince),
            AccountId = String(item, SessionAttributes.AccountId),
            Region = String(item, SessionAttributes.Region),
            EndObserved = item.TryGetValue(SessionAttributes.EndObserved, out var endObserved) ? endObserved.BOOL : null,
        };
    }

    private static string? String(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;
}
