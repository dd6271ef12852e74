using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Cli.Queries;

/// <summary>
/// Reads archived sessions. An index query returns keys and a few projected attributes, so the full items are then
/// fetched with BatchGetItem, 100 keys at a time; without an endpoint or a user the table is scanned.
/// </summary>
internal sealed class ArchiveReader(IAmazonDynamoDB dynamoDb, string tableName)
{
    /// <summary>BatchGetItem's limit.</summary>
    private const int BatchSize = 100;

    private const int MaxUnprocessedRounds = 8;

    public async Task<IReadOnlyList<ArchivedSession>> ReadAsync(SessionFilter filter, CancellationToken cancellationToken)
    {
        var plan = SessionQueryPlan.For(filter);
        var items = plan.Index is null
            ? await ScanAsync(cancellationToken)
            : await GetAsync(await QueryKeysAsync(plan, cancellationToken), cancellationToken);
        return ArchivedSession.Sort(items.Select(ArchivedSession.FromItem).Where(filter.Matches));
    }

    /// <summary>Every session of these endpoints, one index query each (a replay's endpoints, never a Scan of a shared table).</summary>
    public async Task<IReadOnlyList<ArchivedSession>> ReadEndpointsAsync(IEnumerable<string> endpointIds, CancellationToken cancellationToken)
    {
        var sessions = new List<ArchivedSession>();
        foreach (var endpointId in endpointIds)
        {
            sessions.AddRange(await ReadAsync(new SessionFilter { EndpointId = endpointId }, cancellationToken));
        }

        return ArchivedSession.Sort(sessions);
    }

    private async Task<List<string>> QueryKeysAsync(SessionQueryPlan plan, CancellationToken cancellationToken)
    {
        var connectionIds = new List<string>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await dynamoDb.QueryAsync(plan.ToQueryRequest(tableName, startKey), cancellationToken);
            connectionIds.AddRange((page.Items ?? []).Select(item => item[SessionTable.PartitionKey].S));
            startKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null);

        return connectionIds;
    }

    private async Task<List<Dictionary<string, AttributeValue>>> GetAsync(IReadOnlyList<string> connectionIds, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>(connectionIds.Count);
        foreach (var chunk in connectionIds.Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            var keys = chunk
                .Select(id => new Dictionary<string, AttributeValue> { [SessionTable.PartitionKey] = new() { S = id } })
                .ToList();
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
                    RequestItems = new Dictionary<string, KeysAndAttributes> { [tableName] = new() { Keys = keys } },
                }, cancellationToken);
                items.AddRange(response.Responses?.GetValueOrDefault(tableName) ?? []);
                keys = response.UnprocessedKeys?.GetValueOrDefault(tableName)?.Keys ?? [];
            }
        }

        return items;
    }

    private async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await dynamoDb.ScanAsync(new ScanRequest { TableName = tableName, ExclusiveStartKey = startKey }, cancellationToken);
            items.AddRange(page.Items ?? []);
            startKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null);

        return items;
    }
}
