using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;

namespace ClientVpnAudit.Cli.Queries;

/// <summary>
/// Reads archived sessions. An index query returns keys and a few projected attributes, so the full items are then
/// fetched with BatchGetItem, 100 keys at a time; without an endpoint or a user the table is scanned.
/// </summary>
internal sealed class ArchiveReader(IAmazonDynamoDB dynamoDb, string tableName)
{
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

    private async Task<List<string>> QueryKeysAsync(SessionQueryPlan plan, CancellationToken cancellationToken) =>
        (await TableReads.QueryAsync(dynamoDb, plan.ToQueryRequest(tableName), cancellationToken))
            .Select(item => item[SessionTable.PartitionKey].S)
            .ToList();

    private Task<List<Dictionary<string, AttributeValue>>> GetAsync(IReadOnlyList<string> connectionIds, CancellationToken cancellationToken) =>
        TableReads.BatchGetAsync(dynamoDb, tableName, connectionIds, cancellationToken);

    private Task<List<Dictionary<string, AttributeValue>>> ScanAsync(CancellationToken cancellationToken) =>
        TableReads.ScanAsync(dynamoDb, new ScanRequest { TableName = tableName }, cancellationToken);
}
