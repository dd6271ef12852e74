using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Archiver.Storage;

/// <summary>The archiver's only door to DynamoDB: batched reads of what is stored, guarded writes, the lost-session query.</summary>
internal sealed class SessionStore(IAmazonDynamoDB dynamoDb, string tableName, DynamoDbUsage usage)
{
    /// <summary>BatchGetItem's limit.</summary>
    private const int BatchGetSize = 100;

    private const int MaxUnprocessedRounds = 8;

    /// <summary>
    /// Reads the stored state of these sessions; absent ones are missing from the result. Eventually consistent reads
    /// (half the price) suffice before a guarded write; a consistent read is for deciding again after a refused one.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, StoredSession>> ReadAsync(IEnumerable<string> connectionIds, CancellationToken cancellationToken,
        bool consistent = false)
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
                        [tableName] = ProjectedKeys(keys, consistent),
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

    /// <summary>
    /// Writes a snapshot of a session, decided on <paramref name="stored"/>. Returns false when the item no longer
    /// allows it (another writer got there first).
    /// </summary>
    public async Task<bool> UpsertAsync(ObservedSession session, StoredSession? stored, int retentionDays, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dynamoDb.UpdateItemAsync(SessionWrites.Upsert(tableName, session, stored, retentionDays), cancellationToken);
            usage.RecordWrite(response.ConsumedCapacity);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            usage.RecordRefusedWrite();
            return false;
        }
    }

    /// <summary>The sessions of an endpoint that are not ended: a Query of the sparse index.</summary>
    public async Task<IReadOnlyList<string>> NotEndedAsync(string endpointId, CancellationToken cancellationToken)
    {
        var request = new QueryRequest
        {
            TableName = tableName,
            IndexName = SessionTable.ActiveByEndpoint.Name,
            KeyConditionExpression = "#endpoint = :endpoint",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#endpoint"] = SessionTable.ActiveByEndpoint.PartitionKey },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":endpoint"] = new() { S = endpointId } },
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        };
        var ids = new List<string>();
        await foreach (var page in dynamoDb.Paginators.Query(request).Responses.WithCancellation(cancellationToken))
        {
            usage.RecordRead(page.ConsumedCapacity);
            ids.AddRange((page.Items ?? []).Select(item => item[SessionTable.PartitionKey].S));
        }

        return ids;
    }

    /// <summary>
    /// Every session not ended, with its endpoint: a Scan of the sparse KEYS_ONLY index, which holds only those
    /// sessions (never a Scan of the table).
    /// </summary>
    public async Task<IReadOnlyList<(string ConnectionId, string EndpointId)>> NotEndedEverywhereAsync(CancellationToken cancellationToken)
    {
        var request = new ScanRequest
        {
            TableName = tableName,
            IndexName = SessionTable.ActiveByEndpoint.Name,
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        };
        var sessions = new List<(string, string)>();
        await foreach (var page in dynamoDb.Paginators.Scan(request).Responses.WithCancellation(cancellationToken))
        {
            usage.RecordRead(page.ConsumedCapacity);
            sessions.AddRange((page.Items ?? []).Select(item =>
                (item[SessionTable.PartitionKey].S, item[SessionTable.ActiveByEndpoint.PartitionKey].S)));
        }

        return sessions;
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

    private static KeysAndAttributes ProjectedKeys(List<Dictionary<string, AttributeValue>> keys, bool consistent) => new()
    {
        Keys = keys,
        ConsistentRead = consistent,
        ProjectionExpression = string.Join(", ", StoredSession.Attributes.Select(name => "#" + name)),
        ExpressionAttributeNames = StoredSession.Attributes.ToDictionary(name => "#" + name, name => name),
    };
}
