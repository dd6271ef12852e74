using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;
using static ClientVpnAudit.Archiver.Storage.AttributeValues;

namespace ClientVpnAudit.Archiver.Storage;

/// <summary>
/// The requests that give records written before EstablishedDay existed their day bucket: a Scan page of the records
/// that lack it, and one guarded UpdateItem per record, which sets the attribute and nothing else.
/// </summary>
public static class EstablishedDayBackfill
{
    /// <summary>One page of at most <paramref name="limit"/> records examined, returning those without EstablishedDay.</summary>
    public static ScanRequest Page(string tableName, int limit, Dictionary<string, AttributeValue>? startKey) => new()
    {
        TableName = tableName,
        Limit = limit,
        ExclusiveStartKey = startKey,
        FilterExpression = "attribute_not_exists(#day)",
        ProjectionExpression = "#id, #established",
        ExpressionAttributeNames = new Dictionary<string, string>
        {
            ["#day"] = SessionAttributes.EstablishedDay,
            ["#id"] = SessionTable.PartitionKey,
            ["#established"] = SessionAttributes.ConnectionEstablishedTime,
        },
        ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
    };

    /// <summary>
    /// Sets EstablishedDay from the stored ConnectionEstablishedTime, only while the item still has that time and no
    /// EstablishedDay: never creates an item deleted meanwhile, never overwrites the archiver's own write. A refused
    /// condition means there is nothing left to do. Null when the stored time is unreadable.
    /// </summary>
    public static UpdateItemRequest? Update(string tableName, string connectionId, string? establishedTime)
    {
        if (AuditTime.DayOfStored(establishedTime) is not { } day)
        {
            return null;
        }

        var update = new UpdateExpressionBuilder().Set(SessionAttributes.EstablishedDay, String(day)!);
        var condition = $"{update.Name(SessionAttributes.ConnectionEstablishedTime)} = {update.Value(String(establishedTime)!)}"
            + $" AND attribute_not_exists({update.Name(SessionAttributes.EstablishedDay)})";
        return SessionWrites.Request(tableName, connectionId, update, condition);
    }
}
