using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.LocalStore;

/// <summary>Creates the endpoint-state table from <see cref="EndpointStateTable"/> where nothing deploys it.</summary>
public static class EndpointStateTableCreation
{
    public static CreateTableRequest Request(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        KeySchema = [new KeySchemaElement(EndpointStateTable.PartitionKey, KeyType.HASH)],
        AttributeDefinitions = [new AttributeDefinition(EndpointStateTable.PartitionKey, ScalarAttributeType.S)],
    };

    public static Task<bool> EnsureExistsAsync(IAmazonDynamoDB dynamoDb, string tableName, CancellationToken cancellationToken) =>
        TableActivation.EnsureExistsAsync(dynamoDb, Request(tableName), cancellationToken);
}
