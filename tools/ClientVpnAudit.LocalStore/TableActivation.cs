using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace ClientVpnAudit.LocalStore;

/// <summary>
/// Waits for a table just created to become ACTIVE. DynamoDB (and dynalite, even with a zero creation delay) answers
/// ResourceNotFoundException to item requests on a table that is still CREATING.
/// </summary>
public static class TableActivation
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private const int MaxPolls = 200;

    /// <summary>Creates the table unless it exists, and returns once it is ACTIVE. Returns true when it created it.</summary>
    public static async Task<bool> EnsureExistsAsync(IAmazonDynamoDB dynamoDb, CreateTableRequest request, CancellationToken cancellationToken)
    {
        var created = false;
        try
        {
            await dynamoDb.DescribeTableAsync(request.TableName, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            try
            {
                await dynamoDb.CreateTableAsync(request, cancellationToken);
                created = true;
            }
            catch (ResourceInUseException)
            {
                // Created at the same moment by another process: wait for it like our own.
            }
        }

        await WaitUntilActiveAsync(dynamoDb, request.TableName, cancellationToken);
        return created;
    }

    public static async Task WaitUntilActiveAsync(IAmazonDynamoDB dynamoDb, string tableName, CancellationToken cancellationToken)
    {
        for (var poll = 0; poll < MaxPolls; poll++)
        {
            var described = await dynamoDb.DescribeTableAsync(tableName, cancellationToken);
            if (described.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        throw new TimeoutException($"table {tableName} did not become ACTIVE within {(PollInterval * MaxPolls).TotalSeconds:0} seconds");
    }
}
