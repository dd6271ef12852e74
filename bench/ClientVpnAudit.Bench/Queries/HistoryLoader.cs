using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Bench.Queries;

/// <summary>Writes records fast: BatchWriteItem of 25, a few in flight, unprocessed items sent again.</summary>
internal sealed class HistoryLoader(IAmazonDynamoDB dynamoDb, string tableName)
{
    private const int BatchSize = 25;
    private const int InFlight = 6;

    public async Task<int> LoadAsync(IEnumerable<Dictionary<string, AttributeValue>> records, CancellationToken cancellationToken)
    {
        var written = 0;
        await Parallel.ForEachAsync(records.Chunk(BatchSize), new ParallelOptions { MaxDegreeOfParallelism = InFlight, CancellationToken = cancellationToken },
            async (chunk, token) =>
            {
                var requests = chunk.Select(item => new WriteRequest { PutRequest = new PutRequest { Item = item } }).ToList();
                for (var round = 0; requests.Count > 0; round++)
                {
                    if (round > 0)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(50 * round), token);
                    }

                    var response = await dynamoDb.BatchWriteItemAsync(new BatchWriteItemRequest
                    {
                        RequestItems = new Dictionary<string, List<WriteRequest>> { [tableName] = requests },
                    }, token);
                    requests = response.UnprocessedItems?.GetValueOrDefault(tableName) ?? [];
                }

                Interlocked.Add(ref written, chunk.Length);
            });
        return written;
    }

    /// <summary>The day (from the history's start) a record was established on: loading stops at a checkpoint's day.</summary>
    public static int DayOf(Dictionary<string, AttributeValue> record) =>
        (int)(AuditTime.ParseStored(record[SessionAttributes.ConnectionEstablishedTime].S)!.Value - HistorySpec.Start).TotalDays;
}
