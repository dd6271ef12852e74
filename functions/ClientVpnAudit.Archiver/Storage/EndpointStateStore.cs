using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;
using static ClientVpnAudit.Archiver.Storage.AttributeValues;

namespace ClientVpnAudit.Archiver.Storage;

/// <summary>One attempt at listing an endpoint, as the endpoint-state table records it.</summary>
internal sealed record EndpointAttempt(
    string EndpointId, Target Target, string? Status, string AttemptedAt, bool Complete, int ConnectionsListed, string? Error);

/// <summary>
/// Writes and reads the endpoint-state table. A write never moves LastAttemptAt back (a replayed or late run), and a
/// failed attempt keeps the last complete listing's time.
/// </summary>
internal sealed class EndpointStateStore(IAmazonDynamoDB dynamoDb, string tableName, DynamoDbUsage usage)
{
    public async Task RecordAsync(EndpointAttempt attempt, CancellationToken cancellationToken)
    {
        var update = new UpdateExpressionBuilder()
            .Set(EndpointStateTable.AccountId, String(attempt.Target.AccountId)!)
            .Set(EndpointStateTable.Region, String(attempt.Target.Region)!)
            .Set(EndpointStateTable.LastAttemptAt, String(attempt.AttemptedAt)!)
            .SetIfNotExists(EndpointStateTable.FirstAttemptAt, String(attempt.AttemptedAt)!);
        if (attempt.Status is { } status)
        {
            update.Set(EndpointStateTable.Status, String(status)!);
        }

        if (attempt.Complete)
        {
            update.Set(EndpointStateTable.LastCompleteListingAt, String(attempt.AttemptedAt)!)
                .Set(EndpointStateTable.ConnectionsListed, Number(attempt.ConnectionsListed)!)
                .Remove(EndpointStateTable.LastError);
        }
        else
        {
            update.SetOrRemove(EndpointStateTable.LastError, String(attempt.Error));
        }

        var lastAttempt = update.Name(EndpointStateTable.LastAttemptAt);
        try
        {
            var response = await dynamoDb.UpdateItemAsync(new UpdateItemRequest
            {
                TableName = tableName,
                Key = new Dictionary<string, AttributeValue> { [EndpointStateTable.PartitionKey] = String(attempt.EndpointId)! },
                UpdateExpression = update.Build(),
                ConditionExpression = $"attribute_not_exists({lastAttempt}) OR {lastAttempt} <= {update.Value(String(attempt.AttemptedAt)!)}",
                ExpressionAttributeNames = update.Names,
                ExpressionAttributeValues = update.Values,
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            }, cancellationToken);
            usage.RecordWrite(response.ConsumedCapacity);
        }
        catch (ConditionalCheckFailedException)
        {
            // A later attempt is already recorded: this one is old news.
            usage.RecordRefusedWrite();
        }
    }

    /// <summary>
    /// These endpoints, the least recently listed completely first (never listed completely: before all, oldest first
    /// attempt first), so a run that runs out of budget does not starve the same tail endpoints every time.
    /// </summary>
    public async Task<IReadOnlyList<string>> LeastRecentlyCompletedFirstAsync(IReadOnlyList<string> endpointIds, CancellationToken cancellationToken)
    {
        var states = await ReadAsync(endpointIds, cancellationToken);
        return endpointIds
            .Select((endpointId, discovered) => (endpointId, discovered, State: states.GetValueOrDefault(endpointId)))
            .OrderBy(endpoint => endpoint.State is { } state && EndpointFreshness.EverCompleted(state) ? 1 : 0)
            .ThenBy(endpoint => endpoint.State is { } state ? EndpointFreshness.Since(state) ?? "" : "", StringComparer.Ordinal)
            .ThenBy(endpoint => endpoint.discovered)
            .Select(endpoint => endpoint.endpointId)
            .ToList();
    }

    /// <summary>The recorded state of these endpoints, by endpoint id; absent ones are missing.</summary>
    public async Task<IReadOnlyDictionary<string, Dictionary<string, AttributeValue>>> ReadAsync(IEnumerable<string> endpointIds,
        CancellationToken cancellationToken)
    {
        var items = await TableReads.BatchGetAsync(dynamoDb, tableName, endpointIds, cancellationToken,
            onResponse: response => usage.RecordRead(response.ConsumedCapacity), keyName: EndpointStateTable.PartitionKey);
        return items.ToDictionary(item => item[EndpointStateTable.PartitionKey].S, StringComparer.Ordinal);
    }
}
