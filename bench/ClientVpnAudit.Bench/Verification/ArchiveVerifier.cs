using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;
using ClientVpnAudit.Bench.Capacity;

namespace ClientVpnAudit.Bench.Verification;

/// <summary>
/// Compares every stored session with what the scenario implies, attribute by attribute (Status, times, counters,
/// Identity, EndObserved, MissingSince, the index key): a fast wrong archive fails the run.
/// </summary>
internal static class ArchiveVerifier
{
    private const int ExamplesShown = 5;

    public static async Task<Verdict> VerifyAsync(IAmazonDynamoDB dynamoDb, string tableName, ExpectedArchive expected, CancellationToken cancellationToken)
    {
        var stored = await ScanAsync(dynamoDb, tableName, cancellationToken);
        var problems = new List<string>();
        var wrong = 0;
        foreach (var (connectionId, item) in expected.Items)
        {
            if (!stored.TryGetValue(connectionId, out var actual))
            {
                wrong++;
                Note(problems, $"{connectionId}: missing from the table");
                continue;
            }

            var differences = Differences(item, actual);
            if (differences.Count > 0)
            {
                wrong++;
                Note(problems, $"{connectionId}: {string.Join("; ", differences)}");
            }
        }

        var extra = stored.Keys.Where(id => !expected.Items.ContainsKey(id)).ToList();
        foreach (var id in extra)
        {
            wrong++;
            Note(problems, $"{id}: in the table but never listed");
        }

        var largest = stored.Values.Select(item => ItemSize.Of(Items.FromNode(item))).DefaultIfEmpty(0).Max();
        return new Verdict(tableName, stored.Count, expected.Items.Count, wrong, problems, largest);
    }

    private static List<string> Differences(JsonObject expected, JsonObject actual)
    {
        var names = expected.Select(entry => entry.Key).Union(actual.Select(entry => entry.Key)).Order(StringComparer.Ordinal);
        var differences = new List<string>();
        foreach (var name in names)
        {
            var want = expected[name];
            var have = actual[name];
            if (!JsonNode.DeepEquals(want, have))
            {
                differences.Add($"{name} is {Show(have)}, expected {Show(want)}");
            }
        }

        return differences;
    }

    private static string Show(JsonNode? value) => value?.ToJsonString() ?? "absent";

    private static void Note(List<string> problems, string problem)
    {
        if (problems.Count < ExamplesShown)
        {
            problems.Add(problem);
        }
    }

    private static async Task<Dictionary<string, JsonObject>> ScanAsync(IAmazonDynamoDB dynamoDb, string tableName, CancellationToken cancellationToken) =>
        (await TableReads.ScanAsync(dynamoDb, new ScanRequest { TableName = tableName, ConsistentRead = true }, cancellationToken))
            .ToDictionary(item => item[SessionTable.PartitionKey].S, AttributeValueJson.Item, StringComparer.Ordinal);
}

/// <summary>The outcome of checking one table: how many sessions are wrong, a few examples, the largest item's size.</summary>
internal sealed record Verdict(string Table, int Stored, int Expected, int Wrong, IReadOnlyList<string> Examples, int LargestItemBytes)
{
    public bool Correct => Wrong == 0 && Stored == Expected;
}
