using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Archiver.Storage;

/// <summary>The archiver's only door to DynamoDB: batched reads of what is stored, guarded writes, the lost-session query.</summary>
internal sealed class SessionStore(IAmazonDynamoDB dynamoDb, string tableName, DynamoDbUsage usage)
{
    /// <summary>
    /// Reads the stored state of these sessions; absent ones are missing from the result. Eventually consistent reads
    /// (half the price) suffice before a guarded write; a consistent read is for deciding again after a refused one.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, StoredSession>> ReadAsync(IEnumerable<string> connectionIds, CancellationToken cancellationToken,
        bool consistent = false)
    {
        var items = await TableReads.BatchGetAsync(dynamoDb, tableName, connectionIds, cancellationToken,
            keys => ProjectedKeys(keys, consistent), response => usage.RecordRead(response.ConsumedCapacity));
        return items.Select(StoredSessionReader.FromItem).OfType<StoredSession>()
            .ToDictionary(stored => stored.ConnectionId, StringComparer.Ordinal);
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
        var items = await TableReads.QueryAsync(dynamoDb, new QueryRequest
        {
            TableName = tableName,
            IndexName = SessionTable.ActiveByEndpoint.Name,
            KeyConditionExpression = "#endpoint = :endpoint",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#endpoint"] = SessionTable.ActiveByEndpoint.PartitionKey },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":endpoint"] = new() { S = endpointId } },
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        }, cancellationToken, page => usage.RecordRead(page.ConsumedCapacity));
        return items.Select(item => item[SessionTable.PartitionKey].S).ToList();
    }

    /// <summary>
    /// Every session not ended, with its endpoint: a Scan of the sparse KEYS_ONLY index, which holds only those
    /// sessions (never a Scan of the table).
    /// </summary>
    public async Task<IReadOnlyList<(string ConnectionId, string EndpointId)>> NotEndedEverywhereAsync(CancellationToken cancellationToken)
    {
        var items = await TableReads.ScanAsync(dynamoDb, new ScanRequest
        {
            TableName = tableName,
            IndexName = SessionTable.ActiveByEndpoint.Name,
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        }, cancellationToken, page => usage.RecordRead(page.ConsumedCapacity));
        return items.Select(item => (item[SessionTable.PartitionKey].S, item[SessionTable.ActiveByEndpoint.PartitionKey].S)).ToList();
    }

    /// <summary>
    /// Where each of these endpoints lives, read from one session of each: its AccountId and Region, null for a record
    /// that predates them. An endpoint whose session is not read back is left out.
    /// </summary>
    /// <param name="oneSessionPerEndpoint">Endpoint id to the ConnectionId of one of its sessions.</param>
    public async Task<IReadOnlyDictionary<string, (string? AccountId, string? Region)>> EndpointPlacesAsync(
        IReadOnlyDictionary<string, string> oneSessionPerEndpoint, CancellationToken cancellationToken)
    {
        if (oneSessionPerEndpoint.Count == 0)
        {
            return new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        }

        var stored = await ReadAsync(oneSessionPerEndpoint.Values, cancellationToken);
        return oneSessionPerEndpoint
            .Where(pair => stored.ContainsKey(pair.Value))
            .ToDictionary(pair => pair.Key, pair => (stored[pair.Value].AccountId, stored[pair.Value].Region), StringComparer.Ordinal);
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

    private static KeysAndAttributes ProjectedKeys(List<Dictionary<string, AttributeValue>> keys, bool consistent) => new()
    {
        Keys = keys,
        ConsistentRead = consistent,
        ProjectionExpression = string.Join(", ", StoredSession.Attributes.Select(name => "#" + name)),
        ExpressionAttributeNames = StoredSession.Attributes.ToDictionary(name => "#" + name, name => name),
    };
}
