using Amazon.DynamoDBv2;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;

namespace ClientVpnAudit.Cli.Queries;

/// <summary>
/// Reads archived sessions by a <see cref="SessionQueryPlan"/>: the keys from an index (Queries in parallel, or a Scan
/// of the sparse not-ended index), then the full items with BatchGetItem, 100 keys at a time; or, for a request for
/// everything, a Scan of the table.
/// </summary>
internal sealed class ArchiveReader(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider? clock = null)
{
    /// <summary>Queries in flight at once for a window of several days.</summary>
    public const int ParallelQueries = 8;

    public async Task<IReadOnlyList<ArchivedSession>> ReadAsync(SessionFilter filter, CancellationToken cancellationToken)
    {
        var plan = SessionQueryPlan.For(filter, (clock ?? TimeProvider.System).GetUtcNow());
        var items = plan.Kind == QueryKind.TableScan
            ? await TableReads.ScanAsync(dynamoDb, plan.ToScanRequest(tableName), cancellationToken)
            : await TableReads.BatchGetAsync(dynamoDb, tableName, await KeysAsync(plan, cancellationToken), cancellationToken);
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

    private async Task<IEnumerable<string>> KeysAsync(SessionQueryPlan plan, CancellationToken cancellationToken)
    {
        var entries = plan.Kind == QueryKind.IndexScan
            ? await TableReads.ScanAsync(dynamoDb, plan.ToScanRequest(tableName), cancellationToken)
            : await TableReads.QueryEachAsync(dynamoDb, plan.ToQueryRequests(tableName), ParallelQueries, cancellationToken);
        return entries.Select(entry => entry[SessionTable.PartitionKey].S);
    }
}
