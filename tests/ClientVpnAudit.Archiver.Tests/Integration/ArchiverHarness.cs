using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.EC2;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Storage;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ClientVpnAudit.Archiver.Tests.Integration;

/// <summary>
/// One test's world: its own emulator (so SDK retry quotas never leak between tests), its own table in the class's
/// dynalite, and the archiver pipeline wired to both through the real SDK clients.
/// </summary>
internal sealed class ArchiverHarness : IAsyncDisposable
{
    private ArchiverHarness(Ec2Emulator emulator, IAmazonEC2 ec2, IAmazonDynamoDB dynamoDb, string tableName)
    {
        Emulator = emulator;
        Ec2 = ec2;
        DynamoDb = dynamoDb;
        TableName = tableName;
    }

    public Ec2Emulator Emulator { get; }

    public IAmazonEC2 Ec2 { get; }

    public IAmazonDynamoDB DynamoDb { get; }

    public string TableName { get; }

    public StringWriter Log { get; } = new();

    /// <summary>The poll's clock: it times each listing. Starts at <see cref="Connections.T0"/> and moves only when told.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(Connections.T0));

    /// <param name="interceptor">When given, the archiver's DynamoDB requests go through it (recorded, reshaped, failed).</param>
    public static async Task<ArchiverHarness> StartAsync(DynaliteFixture dynalite, Snapshot snapshot, DynamoDbInterceptor? interceptor = null)
    {
        var emulator = await Ec2Emulator.StartAsync(snapshot);
        var tableName = await dynalite.CreateSessionTableAsync();
        var dynamoDb = interceptor is null ? dynalite.CreateClient() : AwsClients.DynamoDb(dynalite.Url, interceptor);
        return new ArchiverHarness(emulator, AwsClients.Ec2(emulator.Url), dynamoDb, tableName);
    }

    /// <summary>The endpoint-state table, once <see cref="WithEndpointTableAsync"/> made one; the archiver then records into it.</summary>
    public string? EndpointTableName { get; private set; }

    public async Task WithEndpointTableAsync(DynaliteFixture dynalite) => EndpointTableName = await dynalite.CreateEndpointTableAsync();

    /// <summary>Every endpoint-state item by endpoint id.</summary>
    public async Task<IReadOnlyDictionary<string, Dictionary<string, AttributeValue>>> EndpointStatesAsync() =>
        (await TableReads.ScanAsync(DynamoDb, new ScanRequest { TableName = EndpointTableName, ConsistentRead = true }, CancellationToken.None))
            .ToDictionary(item => item["ClientVpnEndpointId"].S);

    public ArchiverOptions Options(Func<ArchiverOptions, ArchiverOptions>? adjust = null)
    {
        var options = new ArchiverOptions { TableName = TableName, EndpointTableName = EndpointTableName };
        return adjust is null ? options : adjust(options);
    }

    public ArchiverPipeline Pipeline(Func<ArchiverOptions, ArchiverOptions>? adjust = null, IAmazonEC2? ec2 = null) =>
        new(ec2 ?? Ec2, DynamoDb, Options(adjust), new JsonLog(Log), new PollContext { Clock = Clock });

    public Task<RunSummary> RunAsync(Func<ArchiverOptions, ArchiverOptions>? adjust = null) => Pipeline(adjust).RunAsync();

    public async Task<RunSummary> RunAsync(Snapshot snapshot, Func<ArchiverOptions, ArchiverOptions>? adjust = null)
    {
        Emulator.Serve(snapshot);
        return await RunAsync(adjust);
    }

    /// <summary>A poll at <paramref name="at"/>: the clock is set, then the snapshot served and the archiver run.</summary>
    public Task<RunSummary> PollAsync(DateTime at, Snapshot snapshot, Func<ArchiverOptions, ArchiverOptions>? adjust = null)
    {
        Clock.SetUtcNow(new DateTimeOffset(at));
        return RunAsync(snapshot, adjust);
    }

    /// <summary>Every stored item by ConnectionId (a Scan is fine for a test's small table).</summary>
    public async Task<IReadOnlyDictionary<string, Dictionary<string, AttributeValue>>> ItemsAsync() =>
        (await TableReads.ScanAsync(DynamoDb, new ScanRequest { TableName = TableName, ConsistentRead = true }, CancellationToken.None))
            .ToDictionary(item => item["ConnectionId"].S);

    public async Task<Dictionary<string, AttributeValue>> ItemAsync(string connectionId) =>
        (await ItemsAsync())[connectionId];

    /// <summary>Every item, every attribute, as one comparable text.</summary>
    public static string Render(IReadOnlyDictionary<string, Dictionary<string, AttributeValue>> items) =>
        string.Join("\n", items.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair =>
            pair.Key + ": " + string.Join(", ", pair.Value.OrderBy(attribute => attribute.Key, StringComparer.Ordinal)
                .Select(attribute => $"{attribute.Key}={Text(attribute.Value)}"))));

    /// <summary>One stored value as text, whatever its type: a string, a number, a bool, a list joined by "|".</summary>
    public static string Text(AttributeValue value) =>
        $"{value.S}{value.N}{value.BOOL}{string.Join("|", value.L?.Select(entry => entry.S) ?? [])}";

    public async ValueTask DisposeAsync()
    {
        Ec2.Dispose();
        DynamoDb.Dispose();
        await Emulator.DisposeAsync();
    }
}
