using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Archiver.Storage;

/// <summary>
/// The one read path of the sessions table, for the function, the CLI, the tests and the bench: Query and Scan through
/// the SDK's paginators (every LastEvaluatedKey followed), and BatchGetItem 100 keys at a time with one backoff policy
/// for UnprocessedKeys, which the SDK's BatchGetItem paginator re-requests at once.
/// </summary>
public static class TableReads
{
    /// <summary>BatchGetItem's limit.</summary>
    public const int BatchGetSize = 100;

    /// <summary>Rounds of UnprocessedKeys before giving up: DynamoDB asks for backoff, not for abandon.</summary>
    private const int MaxUnprocessedRounds = 8;

    /// <summary>The delay before a round of unprocessed keys: 100 ms, doubling, at most 3.2 s (about 6 s in all).</summary>
    public static TimeSpan UnprocessedBackoff(int round) => TimeSpan.FromMilliseconds(50 << Math.Min(round, 6));

    /// <summary>Every item of the query, page after page.</summary>
    /// <param name="onPage">Sees each response (consumed capacity, counts).</param>
    public static async Task<List<Dictionary<string, AttributeValue>>> QueryAsync(IAmazonDynamoDB dynamoDb, QueryRequest request,
        CancellationToken cancellationToken, Action<QueryResponse>? onPage = null)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        await foreach (var page in dynamoDb.Paginators.Query(request).Responses.WithCancellation(cancellationToken))
        {
            onPage?.Invoke(page);
            items.AddRange(page.Items ?? []);
        }

        return items;
    }

    /// <summary>Every item of several queries (one per partition), at most <paramref name="parallel"/> in flight at once.</summary>
    /// <param name="onPage">Sees each response; called from several queries at once.</param>
    public static async Task<List<Dictionary<string, AttributeValue>>> QueryEachAsync(IAmazonDynamoDB dynamoDb, IEnumerable<QueryRequest> requests,
        int parallel, CancellationToken cancellationToken, Action<QueryResponse>? onPage = null)
    {
        var indexed = requests.Select((request, i) => (request, i)).ToList();
        var results = new List<Dictionary<string, AttributeValue>>[indexed.Count];
        await Parallel.ForEachAsync(indexed, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (entry, token) => results[entry.i] = await QueryAsync(dynamoDb, entry.request, token, onPage));
        return results.SelectMany(items => items).ToList();
    }

    /// <summary>Every item of the scan, page after page.</summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(IAmazonDynamoDB dynamoDb, ScanRequest request,
        CancellationToken cancellationToken, Action<ScanResponse>? onPage = null)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        await foreach (var page in dynamoDb.Paginators.Scan(request).Responses.WithCancellation(cancellationToken))
        {
            onPage?.Invoke(page);
            items.AddRange(page.Items ?? []);
        }

        return items;
    }

    /// <summary>The stored items of these keys (absent ones are simply missing), fetched 100 keys at a time.</summary>
    /// <param name="shape">Builds each request's KeysAndAttributes from its keys: projection, consistency.</param>
    /// <param name="keyName">The table's partition key: the sessions table's unless given.</param>
    /// <exception cref="InvalidOperationException">DynamoDB kept leaving keys unprocessed.</exception>
    public static async Task<List<Dictionary<string, AttributeValue>>> BatchGetAsync(IAmazonDynamoDB dynamoDb, string tableName,
        IEnumerable<string> connectionIds, CancellationToken cancellationToken,
        Func<List<Dictionary<string, AttributeValue>>, KeysAndAttributes>? shape = null, Action<BatchGetItemResponse>? onResponse = null,
        string keyName = SessionTable.PartitionKey)
    {
        shape ??= keys => new KeysAndAttributes { Keys = keys };
        var items = new List<Dictionary<string, AttributeValue>>();
        foreach (var chunk in connectionIds.Distinct(StringComparer.Ordinal).Chunk(BatchGetSize))
        {
            var keys = chunk.Select(id => new Dictionary<string, AttributeValue> { [keyName] = new AttributeValue { S = id } }).ToList();
            for (var round = 0; keys.Count > 0; round++)
            {
                if (round == MaxUnprocessedRounds)
                {
                    throw new InvalidOperationException($"DynamoDB left {keys.Count} keys unprocessed after {round} BatchGetItem rounds");
                }

                if (round > 0)
                {
                    await Task.Delay(UnprocessedBackoff(round), cancellationToken);
                }

                var response = await dynamoDb.BatchGetItemAsync(new BatchGetItemRequest
                {
                    RequestItems = new Dictionary<string, KeysAndAttributes> { [tableName] = shape(keys) },
                    ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                }, cancellationToken);
                onResponse?.Invoke(response);
                items.AddRange(response.Responses?.GetValueOrDefault(tableName) ?? []);
                keys = response.UnprocessedKeys?.GetValueOrDefault(tableName)?.Keys ?? [];
            }
        }

        return items;
    }
}
