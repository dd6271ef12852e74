using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;

namespace ClientVpnAudit.Cli.Tests.Support;

/// <summary>
/// Seeded random session records over a span of days, written straight into a table: ended ones (up to 24 h long), open
/// ones, and lost ones (MissingSince), across a few endpoints and users.
/// </summary>
internal static class RandomArchive
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<Dictionary<string, AttributeValue>> Items(int seed, int count, int days, bool withEstablishedDay = true)
    {
        var random = new Random(seed);
        var items = new List<Dictionary<string, AttributeValue>>();
        for (var i = 0; i < count; i++)
        {
            var established = Start.AddSeconds(random.Next(days * 86_400));
            var item = new Dictionary<string, AttributeValue>
            {
                [SessionAttributes.ConnectionId] = S($"cvpn-connection-{seed:x4}{i:x13}"),
                [SessionAttributes.ClientVpnEndpointId] = S($"cvpn-endpoint-{random.Next(3):x17}"),
                [SessionAttributes.Identity] = S($"user{random.Next(10)}"),
                [SessionAttributes.ConnectionEstablishedTime] = S(AuditTime.Format(established)),
            };
            if (withEstablishedDay)
            {
                item[SessionAttributes.EstablishedDay] = S(AuditTime.Day(established));
            }

            var lasted = TimeSpan.FromSeconds(random.Next(86_400));
            switch (random.Next(4))
            {
                case 0:
                    item[SessionAttributes.Status] = S("active");
                    break;
                case 1:
                    item[SessionAttributes.Status] = S(ConnectionStatus.Terminated);
                    item[SessionAttributes.MissingSince] = S(AuditTime.Format(established + lasted));
                    break;
                default:
                    item[SessionAttributes.Status] = S(ConnectionStatus.Terminated);
                    item[SessionAttributes.ConnectionEndTime] = S(AuditTime.Format(established + lasted));
                    item[SessionAttributes.DurationSeconds] = new AttributeValue { N = ((long)lasted.TotalSeconds).ToString(CultureInfo.InvariantCulture) };
                    break;
            }

            items.Add(item);
        }

        return items;
    }

    public static async Task WriteAsync(IAmazonDynamoDB dynamoDb, string table, IEnumerable<Dictionary<string, AttributeValue>> items)
    {
        foreach (var chunk in items.Chunk(25))
        {
            var response = await dynamoDb.BatchWriteItemAsync(new BatchWriteItemRequest
            {
                RequestItems = new Dictionary<string, List<WriteRequest>>
                {
                    [table] = chunk.Select(item => new WriteRequest { PutRequest = new PutRequest { Item = item } }).ToList(),
                },
            });
            if (response.UnprocessedItems is { Count: > 0 })
            {
                throw new InvalidOperationException("the local store left items unprocessed");
            }
        }
    }

    public static async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(IAmazonDynamoDB dynamoDb, string table) =>
        await TableReads.ScanAsync(dynamoDb, new ScanRequest { TableName = table, ConsistentRead = true }, CancellationToken.None);

    private static AttributeValue S(string value) => new() { S = value };
}
