using System.Text.Json;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Tests.Integration;
using ClientVpnAudit.Archiver.Work;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Archiver.Tests.Integration.Connections;

namespace ClientVpnAudit.Archiver.Tests.Handlers;

[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class WorkerFunctionTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const string First = "cvpn-endpoint-00000000000000201";
    private const string Second = "cvpn-endpoint-00000000000000202";
    private static readonly Target Account = new("123456789012", "us-east-1");

    [Fact]
    public async Task Handler_OnTheSampleSqsEvent_ArchivesTheSeedExampleAndReportsNoFailure()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, SnapshotLoader.Load(Path.Combine(RepositoryPaths.Events, "seed-example.json")));
        harness.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-23T18:46:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var worker = Worker(harness);
        await using var input = File.OpenRead(Path.Combine(RepositoryPaths.Events, "sqs-work-item.json"));

        await using var output = await worker.HandleAsync(input);

        Assert.Empty(SqsEvents.FailedIds(output));
        var items = await harness.ItemsAsync();
        Assert.Equal(2, items.Count);
        Assert.All(items.Values, item => Assert.Equal(("123456789012", "us-east-1"), (item["AccountId"].S, item["Region"].S)));
        var metrics = Assert.Single(harness.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => line.Contains("\"_aws\"", StringComparison.Ordinal));
        Assert.Equal(2, JsonDocument.Parse(metrics).RootElement.GetProperty("SessionsInserted").GetInt32());
    }

    [Fact]
    public async Task Handler_WhenOneEndpointFails_ReportsOnlyItsMessageForRedelivery()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot([.. Many(First, 3, T0), .. Many(Second, 2, T0)]));
        harness.Emulator.Faults.Unauthorized(Second);

        await using var output = await Worker(harness).HandleAsync(SqsEvents.Of(Work(First), Work(Second)));

        Assert.Equal([Second], SqsEvents.FailedIds(output));
        Assert.Equal(3, (await harness.ItemsAsync()).Count);
    }

    [Fact]
    public async Task Handler_OnWorkOlderThanThePollInterval_DropsItAsStaleWithoutFailing()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot([.. Many(First, 3, T0)]));
        var old = Work(First) with { PlannedAt = AuditTime.Format(harness.Clock.GetUtcNow().AddMinutes(-6)) };
        var fresh = Work(First) with { PlannedAt = AuditTime.Format(harness.Clock.GetUtcNow().AddMinutes(-4)) };

        await using var staleOutput = await Worker(harness).HandleAsync(SqsEvents.Of(old));
        Assert.Empty(SqsEvents.FailedIds(staleOutput));
        Assert.Empty(await harness.ItemsAsync());
        Assert.Contains("\"StaleWorkDropped\":1", harness.Log.ToString(), StringComparison.Ordinal);

        await using var freshOutput = await Worker(harness).HandleAsync(SqsEvents.Of(fresh));
        Assert.Empty(SqsEvents.FailedIds(freshOutput));
        Assert.Equal(3, (await harness.ItemsAsync()).Count);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("{\"AccountId\":\"12\",\"Region\":\"us-east-1\",\"ClientVpnEndpointId\":\"cvpn-endpoint-00000000000000201\",\"RunId\":\"r\"}", "AccountId '12'")]
    [InlineData("{\"AccountId\":\"123456789012\",\"Region\":\"us-east-1\",\"ClientVpnEndpointId\":\"vpn-1\",\"RunId\":\"r\"}", "ClientVpnEndpointId 'vpn-1'")]
    [InlineData("{\"AccountId\":\"999999999999\",\"Region\":\"us-east-1\",\"ClientVpnEndpointId\":\"cvpn-endpoint-00000000000000201\",\"RunId\":\"r\"}", "999999999999:us-east-1 is not a target")]
    public async Task Handler_OnAMessageThatIsNotWorkForIt_FailsThatMessageAloneAndSaysWhy(string body, string reason)
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot([.. Many(First, 3, T0)]));

        await using var output = await Worker(harness).HandleAsync(SqsEvents.Of(("bad", body), ("good", WorkMessages.Serialize(Work(First)))));

        Assert.Equal(["bad"], SqsEvents.FailedIds(output));
        Assert.Contains(harness.Log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => JsonDocument.Parse(line).RootElement.TryGetProperty("reason", out var logged) && logged.GetString()!.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(3, (await harness.ItemsAsync()).Count);
    }

    [Fact]
    public async Task Handler_OnInputThatIsNotAnSqsEvent_ThrowsSoTheWholeBatchIsDeliveredAgain()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot([.. Many(First, 1, T0)]));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Worker(harness).HandleAsync(new MemoryStream("{\"detail\":{}}"u8.ToArray())));

        Assert.Contains("no Records", error.Message, StringComparison.Ordinal);
    }

    private static WorkerFunction Worker(ArchiverHarness harness) =>
        new(_ => harness.Ec2, harness.DynamoDb, harness.Options(options => options with { Target = Account }), new JsonLog(harness.Log), harness.Clock);

    private static EndpointWork Work(string endpointId) =>
        new(Account.AccountId, Account.Region, endpointId, "available", "run-1", AuditTime.Format(new DateTimeOffset(T0)));
}
