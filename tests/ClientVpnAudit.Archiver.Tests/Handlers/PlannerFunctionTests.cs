using System.Text.Json;
using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Tests.Integration;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Archiver.Tests.Integration.Connections;

namespace ClientVpnAudit.Archiver.Tests.Handlers;

[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class PlannerFunctionTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private static readonly Target Account = new("123456789012", "us-east-1");

    private static Snapshot Seed() => SnapshotLoader.Load(Path.Combine(RepositoryPaths.Events, "seed-example.json"));

    [Fact]
    public async Task Handler_OnTheSampleScheduledEvent_QueuesOneItemPerEndpointNamedByTheEventAndReportsIt()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Seed());
        var queue = new CollectingWorkQueue();
        var planner = new PlannerFunction(_ => harness.Ec2, harness.DynamoDb, harness.Options(options => options with { Target = Account }), queue,
            new JsonLog(harness.Log), harness.Clock);
        await using var input = File.OpenRead(Path.Combine(RepositoryPaths.Events, "scheduled-event.json"));

        await using var output = await planner.HandleAsync(input);

        var summary = JsonSerializer.Deserialize<RunSummary>(output)!;
        Assert.True(summary.Succeeded);
        Assert.Equal((1, 1, 0), (summary.EndpointsPolled, summary.EndpointsQueued, summary.SessionsInserted));
        var work = Assert.Single(queue.Work);
        Assert.Equal(("123456789012", "us-east-1", "cvpn-endpoint-123456789123abcde", "available"),
            (work.AccountId, work.Region, work.ClientVpnEndpointId, work.Status));
        Assert.Equal("53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", work.RunId);
        Assert.Equal(AuditTime.Format(harness.Clock.GetUtcNow()), work.PlannedAt);
        Assert.Empty(await harness.ItemsAsync());
        var metrics = Assert.Single(LogLines(harness), line => line.TryGetProperty("_aws", out _));
        Assert.Equal(1, metrics.GetProperty("RunSucceeded").GetInt32());
        Assert.Equal(1, metrics.GetProperty("EndpointsQueued").GetInt32());
    }

    [Fact]
    public async Task Handler_OnUnreadableEvent_LogsItAndStillPlans()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Seed());
        var queue = new CollectingWorkQueue();
        var planner = new PlannerFunction(_ => harness.Ec2, harness.DynamoDb, harness.Options(), queue, new JsonLog(harness.Log), harness.Clock);

        await using var output = await planner.HandleAsync(new MemoryStream("not json {"u8.ToArray()));

        Assert.True(JsonSerializer.Deserialize<RunSummary>(output)!.Succeeded);
        Assert.Contains("not a readable scheduled event", harness.Log.ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(Assert.Single(queue.Work).RunId));
    }

    [Fact]
    public async Task Handler_WhenTheListingFails_ReportsThenThrowsSoTheErrorsMetricSeesIt()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot([.. Many("cvpn-endpoint-00000000000000201", 2, T0)]));
        harness.Emulator.Faults.Deny("DescribeClientVpnEndpoints");
        var queue = new CollectingWorkQueue();
        var planner = new PlannerFunction(_ => harness.Ec2, harness.DynamoDb, harness.Options(), queue, new JsonLog(harness.Log), harness.Clock);

        var error = await Assert.ThrowsAsync<ArchiverRunFailedException>(() => planner.HandleAsync(new MemoryStream("{}"u8.ToArray())));

        Assert.Contains("UnauthorizedOperation", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"RunSucceeded\":0", harness.Log.ToString(), StringComparison.Ordinal);
        Assert.Empty(queue.Work);
    }

    private static List<JsonElement> LogLines(ArchiverHarness harness) =>
        harness.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
}
