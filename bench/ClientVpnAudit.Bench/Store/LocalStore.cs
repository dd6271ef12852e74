using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.LocalDynamoDb;
using ClientVpnAudit.LocalStore;

namespace ClientVpnAudit.Bench.Store;

/// <summary>
/// The bench's dynalite: the project's <see cref="DynaliteServer"/>, with dynalite-expression-cache.js preloaded (through
/// NODE_OPTIONS, which the node child inherits) so that it parses each distinct expression once. A self-check then
/// proves on a scratch table that conditional writes still apply and fail as they should and store the values of each
/// request, not those of the request the parse was learned from.
/// </summary>
internal static class LocalStore
{
    private const string Preload = "dynalite-expression-cache.js";

    /// <param name="dataDirectory">Keeps the store on disk (LevelDB) instead of in memory: for histories too big for memory.</param>
    public static async Task<DynaliteServer> StartAsync(Action<string> progress, CancellationToken cancellationToken, string? dataDirectory = null)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Store", Preload);
        if (!File.Exists(script))
        {
            throw new FileNotFoundException($"{script} is missing from the bench's output");
        }

        var options = Environment.GetEnvironmentVariable("NODE_OPTIONS") ?? "";
        if (!options.Contains(Preload, StringComparison.Ordinal))
        {
            Environment.SetEnvironmentVariable("NODE_OPTIONS", $"{options} --require \"{script}\"".Trim());
        }

        var server = await DynaliteServer.StartAsync(new DynaliteOptions { Progress = progress, DataDirectory = dataDirectory }, cancellationToken);
        try
        {
            using var client = Aws.BenchClients.PlainDynamoDb(server.Url);
            await SelfCheckAsync(client, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static async Task SelfCheckAsync(IAmazonDynamoDB client, CancellationToken cancellationToken)
    {
        const string table = "bench-self-check";
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = table,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement("Id", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("Id", ScalarAttributeType.S)],
        }, cancellationToken);
        await TableActivation.WaitUntilActiveAsync(client, table, cancellationToken);

        // The same expression four times: learned once, then served from the cache with each request's own values.
        (string At, bool Applies)[] writes = [("2026-01-01T00:02:00Z", true), ("2026-01-01T00:01:00Z", false), ("2026-01-01T00:02:00Z", false), ("2026-01-01T00:03:00Z", true)];
        foreach (var (at, applies) in writes)
        {
            bool applied;
            try
            {
                await client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = table,
                    Key = new Dictionary<string, AttributeValue> { ["Id"] = new() { S = "x" } },
                    UpdateExpression = "SET #at = :at, #tags = :tags",
                    ConditionExpression = "attribute_not_exists(#at) OR #at < :at",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#at"] = "At", ["#tags"] = "Tags" },
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                    {
                        [":at"] = new() { S = at },
                        [":tags"] = new() { L = [new AttributeValue { S = at }] },
                    },
                }, cancellationToken);
                applied = true;
            }
            catch (ConditionalCheckFailedException)
            {
                applied = false;
            }

            if (applied != applies)
            {
                throw new InvalidOperationException($"dynalite self-check: the write at {at} {(applied ? "applied" : "did not apply")}, expected the opposite");
            }
        }

        var item = (await client.GetItemAsync(new GetItemRequest { TableName = table, Key = new() { ["Id"] = new() { S = "x" } }, ConsistentRead = true }, cancellationToken)).Item;
        if (item?["At"].S != "2026-01-01T00:03:00Z" || item["Tags"].L?.SingleOrDefault()?.S != "2026-01-01T00:03:00Z")
        {
            throw new InvalidOperationException("dynalite self-check: the stored item does not hold the last write's values");
        }

        await client.DeleteTableAsync(table, cancellationToken);
    }
}
