using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Archiver.Storage;

/// <summary>The archiver's only door to DynamoDB: batched reads of what is stored, guarded writes, the lost-session query.</summary>
public sealed class SessionStore(IAmazonDynamoDB dynamoDb, string tableName, DynamoDbUsage usage)
{
    /// <summary>BatchGetItem's limit.</summary>
    private const int BatchGetSize = 100;

    private const int MaxUnprocessedRounds = 8;

    /// <summary>Reads the stored state of these sessions (eventually consistent: a tenth of a write's price). Absent ones are missing from the result.</summary>
    public async Task<IReadOnlyDictionary<string, StoredSession>> ReadAsync(IEnumerable<string> connectionIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, StoredSession>(StringComparer.Ordinal);
        foreach (var chunk in connectionIds.Distinct(StringComparer.Ordinal).Chunk(BatchGetSize))
        {
            var keys = chunk.Select(Key).ToList();
            for (var round = 0; keys.Count > 0; round++)
            {
                if (round == MaxUnprocessedRounds)
                {
                    throw new InvalidOperationException($"DynamoDB left {keys.Count} keys unprocessed after {round} BatchGetItem rounds");
                }

                if (round > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50 << round), cancellationToken);
                }

                var response = await dynamoDb.BatchGetItemAsync(new BatchGetItemRequest
                {
                    RequestItems = new Dictionary<string, KeysAndAttributes>
                    {
                        [tableName] = ProjectedKeys(keys),
                    },
                    ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                }, cancellationToken);
                usage.RecordRead(response.ConsumedCapacity);

                if (response.Responses?.GetValueOrDefault(tableName) is { } items)
                {
                    foreach (var stored in items.Select(StoredSessionReader.FromItem).OfType<StoredSession>())
                    {
                        found[stored.ConnectionId] = stored;
                    }
                }

                keys = response.UnprocessedKeys?.GetValueOrDefault(tableName)?.Keys ?? [];
            }
        }

        return found;
    }

    /// <summary>Writes a snapshot of a session. Returns false when a newer or equal snapshot was already stored (stale).</summary>
    public async Task<bool> UpsertAsync(ObservedSession session, int retentionDays, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dynamoDb.UpdateItemAsync(SessionWrites.Upsert(tableName, session, retentionDays), cancellationToken);
            usage.RecordWrite(response.ConsumedCapacity);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            usage.RecordRefusedWrite();
            return false;
        }
    }

    /// <summary>The sessions of an endpoint that are not ended, from the sparse index (never a Scan).</summary>
    public async Task<IReadOnlyList<string>> NotEndedAsync(string endpointId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await dynamoDb.QueryAsync(new QueryRequest
            {
                TableName = tableName,
                IndexName = SessionTable.ActiveByEndpoint.Name,
                KeyConditionExpression = "#endpoint = :endpoint",
                ExpressionAttributeNames = new Dictionary<string, string> { ["#endpoint"] = SessionTable.ActiveByEndpoint.PartitionKey },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":endpoint"] = new() { S = endpointId } },
                ExclusiveStartKey = startKey,
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            }, cancellationToken);
            usage.RecordRead(response.ConsumedCapacity);
            ids.AddRange((response.Items ?? []).Select(item => item[SessionTable.PartitionKey].S));
            startKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null);

        return ids;
    }

    /// <summary>Marks a session ended (inferred). Returns false when the item shows it is no longer a lost session.</summary>
    public async Task<bool> MarkLostAsync(string connectionId, string listingTime, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dynamoDb.UpdateItemAsync(SessionWrites.MarkLost(tableName, connectionId, listingTime), cancellationToken);
            usage.RecordWrite(response.ConsumedCapacity);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            usage.RecordRefusedWrite();
            return false;
        }
    }

    private static Dictionary<string, AttributeValue> Key(string connectionId) =>
        new() { [SessionTable.PartitionKey] = new AttributeValue { S = connectionId } };

    private static KeysAndAttributes ProjectedKeys(List<Dictionary<string, AttributeValue>> keys) => new()
    {
        Keys = keys,
        ConsistentRead = false,
        ProjectionExpression = string.Join(", ", StoredSession.Attributes.Select(name => "#" + name)),
        ExpressionAttributeNames = StoredSession.Attributes.ToDictionary(name => "#" + name, name => name),
    };
}
