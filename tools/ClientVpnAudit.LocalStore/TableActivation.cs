using Amazon.DynamoDBv2;

namespace ClientVpnAudit.LocalStore;

/// <summary>
/// Waits for a table just created to become ACTIVE. DynamoDB (and dynalite, even with a zero creation delay) answers
/// ResourceNotFoundException to item requests on a table that is still CREATING.
/// </summary>
public static class TableActivation
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private const int MaxPolls = 200;

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
