using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Cli.Backfill;
using ClientVpnAudit.Cli.Queries;
using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>`cvpn-audit backfill` on random records written without EstablishedDay, in a dynalite of the class's own.</summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class BackfillTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    [Fact]
    public async Task Backfill_GivesEachRecordWithoutADayItsDay_TouchesNothingElse_AndShowsProgressPerPage()
    {
        using var folder = new TemporaryFolder();
        var (table, before) = await TableAsync(withoutDay: 250, withDay: 50);

        var result = await BackfillAsync(table, folder.File("checkpoint.json"), "--page-size", "40");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal($"Backfilled table {table} at {dynalite.Url}: 300 records examined, 250 given EstablishedDay, 0 already had it",
            Assert.Single(result.OutLines));
        Assert.Equal(8, result.ErrorLines.Count(line => line.StartsWith("cvpn-audit: backfill: ", StringComparison.Ordinal)));
        Assert.Contains("cvpn-audit: backfill: 40 records examined, ", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("checkpoint.json")));
        var after = await ItemsAsync(table);
        Assert.All(after.Values, item => Assert.Equal(item[SessionAttributes.ConnectionEstablishedTime].S[..10], item[SessionAttributes.EstablishedDay].S));
        Assert.Equal(Rendered(before, withoutDay: true), Rendered(after, withoutDay: true));
    }

    [Fact]
    public async Task Backfill_RunAgain_WritesNothing()
    {
        using var folder = new TemporaryFolder();
        var (table, _) = await TableAsync(withoutDay: 60, withDay: 0);
        Assert.Equal(ExitCodes.Success, (await BackfillAsync(table, folder.File("checkpoint.json"))).ExitCode);
        var once = await ItemsAsync(table);

        var again = await BackfillAsync(table, folder.File("checkpoint.json"));

        Assert.Equal($"Backfilled table {table} at {dynalite.Url}: 60 records examined, 0 given EstablishedDay, 0 already had it",
            Assert.Single(again.OutLines));
        Assert.Equal(Rendered(once, withoutDay: false), Rendered(await ItemsAsync(table), withoutDay: false));
    }

    [Fact]
    public async Task Backfill_OfARecordThatGotItsDayMeanwhile_LeavesItAlone()
    {
        var (table, _) = await TableAsync(withoutDay: 1, withDay: 0);
        using var client = dynalite.CreateClient();
        var item = (await RandomArchive.ScanAsync(client, table)).Single();
        var request = Archiver.Storage.EstablishedDayBackfill.Update(table, item[SessionAttributes.ConnectionId].S,
            item[SessionAttributes.ConnectionEstablishedTime].S)!;
        await client.UpdateItemAsync(request);

        await Assert.ThrowsAsync<ConditionalCheckFailedException>(() => client.UpdateItemAsync(request));
        Assert.Null(Archiver.Storage.EstablishedDayBackfill.Update(table, "cvpn-connection-x", "not a time"));
    }

    [Fact]
    public async Task Backfill_StoppedByAFailure_ResumesAfterTheLastPageDone_AndCountsOnFromThere()
    {
        using var folder = new TemporaryFolder();
        var checkpoint = folder.File("checkpoint.json");
        var (table, _) = await TableAsync(withoutDay: 100, withDay: 0);
        var settings = new BackfillSettings(checkpoint, WritesPerSecond: 10_000, PageSize: 30);
        var failing = new DynamoDbInterceptor();
        using (var client = AwsClients.DynamoDb(dynalite.Url, failing))
        {
            var run = new BackfillRun(client, table, settings, TimeProvider.System);
            await Assert.ThrowsAnyAsync<AmazonDynamoDBException>(() => run.RunAsync(null, _ => failing.FailNext("UpdateItem", 1_000), CancellationToken.None));
        }

        var stopped = JsonSerializer.Deserialize<BackfillCheckpoint>(await File.ReadAllTextAsync(checkpoint))!;
        Assert.Equal(new BackfillCounts(30, 30, 0, 0, null), stopped.Counts);

        var resumed = new DynamoDbInterceptor();
        BackfillCounts counts;
        using (var client = AwsClients.DynamoDb(dynalite.Url, resumed))
        {
            counts = await new BackfillRun(client, table, settings, TimeProvider.System)
                .RunAsync(BackfillCheckpoint.Read(checkpoint, table), _ => { }, CancellationToken.None);
        }

        var firstScan = resumed.Requests.First(request => request.Operation == "Scan").Body;
        Assert.Equal(stopped.LastConnectionId, (string?)firstScan["ExclusiveStartKey"]?[SessionAttributes.ConnectionId]?["S"]);
        Assert.Equal(new BackfillCounts(100, 100, 0, 0, null), counts);
        Assert.Equal(70, resumed.Requests.Count(request => request.Operation == "UpdateItem"));
        Assert.All((await ItemsAsync(table)).Values, item => Assert.True(item.ContainsKey(SessionAttributes.EstablishedDay)));
        Assert.False(File.Exists(checkpoint));
    }

    [Fact]
    public async Task Backfill_ThenSessionsAt_FindsTheOldRecordsWithoutAScan()
    {
        using var folder = new TemporaryFolder();
        var (table, before) = await TableAsync(withoutDay: 200, withDay: 0);
        Assert.Equal(ExitCodes.Success, (await BackfillAsync(table, folder.File("checkpoint.json"))).ExitCode);
        var at = RandomArchive.Start.AddDays(2.3);
        var filter = new SessionFilter { Since = at, Until = at };
        var interceptor = new DynamoDbInterceptor();
        using var client = AwsClients.DynamoDb(dynalite.Url, interceptor);

        var read = await new ArchiveReader(client, table).ReadAsync(filter, CancellationToken.None);

        var expected = before.Values.Select(ArchivedSession.FromItem).Where(filter.Matches).Select(session => session.ConnectionId).Order();
        Assert.NotEmpty(read);
        Assert.Equal(expected, read.Select(session => session.ConnectionId).Order());
        Assert.DoesNotContain(interceptor.Requests, request => request.Operation == "Scan");
    }

    [Fact]
    public async Task Backfill_WithARecordWithoutAReadableTime_SkipsAndNamesIt_AndLosesNothing()
    {
        using var folder = new TemporaryFolder();
        var (table, _) = await TableAsync(withoutDay: 5, withDay: 0);
        using (var client = dynalite.CreateClient())
        {
            await client.PutItemAsync(table, new Dictionary<string, AttributeValue>
            {
                [SessionAttributes.ConnectionId] = new() { S = "cvpn-connection-unreadable" },
                [SessionAttributes.ConnectionEstablishedTime] = new() { S = "yesterday" },
            });
        }

        var result = await BackfillAsync(table, folder.File("checkpoint.json"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.EndsWith("6 records examined, 5 given EstablishedDay, 0 already had it, 1 skipped without a readable ConnectionEstablishedTime "
            + "(first: cvpn-connection-unreadable)", Assert.Single(result.OutLines), StringComparison.Ordinal);
        Assert.Equal("yesterday", (await ItemsAsync(table))["cvpn-connection-unreadable"][SessionAttributes.ConnectionEstablishedTime].S);
    }

    [Theory]
    [InlineData("--rate", "0", "cvpn-audit: error: --rate must be a positive whole number, got 0")]
    [InlineData("--page-size", "-3", "cvpn-audit: error: --page-size must be a positive whole number, got -3")]
    public async Task Backfill_WithABadSetting_SaysWhichInOneLine(string option, string value, string expected)
    {
        using var folder = new TemporaryFolder();
        var result = await BackfillAsync("any", folder.File("checkpoint.json"), option, value);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal([expected], result.ErrorLines);
    }

    [Fact]
    public async Task Backfill_WithTheCheckpointOfAnotherTable_RefusesInOneLine()
    {
        using var folder = new TemporaryFolder();
        var (table, _) = await TableAsync(withoutDay: 3, withDay: 0);
        await new BackfillCheckpoint("other", "cvpn-connection-1", BackfillCounts.None).WriteAsync(folder.File("checkpoint.json"), CancellationToken.None);

        var result = await BackfillAsync(table, folder.File("checkpoint.json"));

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal([$"cvpn-audit: error: --checkpoint: {folder.File("checkpoint.json")} is the checkpoint of table other, not {table}"],
            result.ErrorLines);
    }

    private async Task<(string Table, Dictionary<string, Dictionary<string, AttributeValue>> Items)> TableAsync(int withoutDay, int withDay)
    {
        var table = await dynalite.CreateSessionTableAsync();
        using var client = dynalite.CreateClient();
        await RandomArchive.WriteAsync(client, table, RandomArchive.Items(seed: 11, withoutDay, days: 5, withEstablishedDay: false)
            .Concat(RandomArchive.Items(seed: 12, withDay, days: 5)));
        return (table, await ItemsAsync(table));
    }

    private async Task<Dictionary<string, Dictionary<string, AttributeValue>>> ItemsAsync(string table)
    {
        using var client = dynalite.CreateClient();
        return (await RandomArchive.ScanAsync(client, table)).ToDictionary(item => item[SessionAttributes.ConnectionId].S);
    }

    private static List<string> Rendered(Dictionary<string, Dictionary<string, AttributeValue>> items, bool withoutDay) => items.Values
        .Select(item => string.Join(", ", item.Where(pair => !(withoutDay && pair.Key == SessionAttributes.EstablishedDay))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key}={pair.Value.S ?? pair.Value.N}")))
        .Order(StringComparer.Ordinal)
        .ToList();

    private Task<CliResult> BackfillAsync(string table, string checkpoint, params string[] args) =>
        CvpnAudit.RunAsync(["backfill", "--dynamodb-url", dynalite.Url.ToString(), "--table", table, "--checkpoint", checkpoint, .. args]);
}
