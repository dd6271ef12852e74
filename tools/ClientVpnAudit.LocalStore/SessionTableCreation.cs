using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.LocalStore;

/// <summary>Creates the sessions table from <see cref="SessionTable"/> where nothing deploys it (local stores, tests).</summary>
public static class SessionTableCreation
{
    public static CreateTableRequest Request(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        KeySchema = [new KeySchemaElement(SessionTable.PartitionKey, KeyType.HASH)],
        AttributeDefinitions = SessionTable.KeyAttributes
            .Select(name => new AttributeDefinition(name, ScalarAttributeType.S))
            .ToList(),
        GlobalSecondaryIndexes = SessionTable.Indexes.Select(index => new GlobalSecondaryIndex
        {
            IndexName = index.Name,
            KeySchema =
            [
                new KeySchemaElement(index.PartitionKey, KeyType.HASH),
                new KeySchemaElement(index.SortKey, KeyType.RANGE),
            ],
            Projection = index.NonKeyAttributes is { } nonKeyAttributes
                ? new Projection { ProjectionType = ProjectionType.INCLUDE, NonKeyAttributes = nonKeyAttributes.ToList() }
                : new Projection { ProjectionType = ProjectionType.KEYS_ONLY },
        }).ToList(),
    };

    /// <summary>Creates the table unless it exists, and returns once it is ACTIVE. Returns true when it created it.</summary>
    public static Task<bool> EnsureExistsAsync(IAmazonDynamoDB dynamoDb, string tableName, CancellationToken cancellationToken) =>
        TableActivation.EnsureExistsAsync(dynamoDb, Request(tableName), cancellationToken);
}
