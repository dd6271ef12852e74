using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace ClientVpnAudit.Archiver.Sessions;

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

    /// <summary>Creates the table unless it exists. Returns true when it created it.</summary>
    public static async Task<bool> EnsureExistsAsync(IAmazonDynamoDB dynamoDb, string tableName, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.DescribeTableAsync(tableName, cancellationToken);
            return false;
        }
        catch (ResourceNotFoundException)
        {
        }

        try
        {
            await dynamoDb.CreateTableAsync(Request(tableName), cancellationToken);
        }
        catch (ResourceInUseException)
        {
            return false;
        }

        for (var attempt = 0; attempt < 100; attempt++)
        {
            var described = await dynamoDb.DescribeTableAsync(tableName, cancellationToken);
            if (described.Table.TableStatus == TableStatus.ACTIVE)
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        throw new TimeoutException($"table {tableName} did not become ACTIVE within 10 seconds");
    }
}
