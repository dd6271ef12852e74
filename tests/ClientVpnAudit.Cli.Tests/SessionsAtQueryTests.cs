using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Cli.Queries;
using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>
/// "Who was connected at T" across every endpoint, on random archives: Queries of ByEstablishedDay and BatchGetItem
/// only (the requests are recorded on their way to dynalite), and exactly the sessions a Scan filtered by the overlap
/// rule selects.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class SessionsAtQueryTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const int Days = 10;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task ReadAt_EveryEndpoint_SendsNoScan_AndSelectsWhatAScanFilteredByTheOverlapRuleSelects(int seed)
    {
        var (table, everything) = await ArchiveAsync(seed);
        var random = new Random(seed);

        for (var round = 0; round < 12; round++)
        {
            var at = RandomArchive.Start.AddSeconds(random.Next((Days + 1) * 86_400));
            var interceptor = new DynamoDbInterceptor { PageSize = 7 };
            using var client = AwsClients.DynamoDb(dynalite.Url, interceptor);
            var filter = new SessionFilter { Since = at, Until = at };

            var read = await new ArchiveReader(client, table).ReadAsync(filter, CancellationToken.None);

            Assert.Equal(Ids(everything.Where(filter.Matches)), Ids(read));
            Assert.Equal(["BatchGetItem", "Query"], interceptor.Requests.Select(request => request.Operation).Distinct().Order());
            Assert.All(interceptor.Requests.Where(request => request.Operation == "Query"),
                request => Assert.Equal(SessionTable.ByEstablishedDay.Name, (string?)request.Body["IndexName"]));
        }
    }

    [Fact]
    public async Task ReadWindow_OfAWeekAndOfOpenEnd_SelectsWhatAScanFilteredByTheOverlapRuleSelects()
    {
        var (table, everything) = await ArchiveAsync(seed: 7);
        using var client = dynalite.CreateClient();
        var now = RandomArchive.Start.AddDays(Days);
        var clock = new LocalStore.FixedClock(now);
        SessionFilter[] filters =
        [
            new() { Since = RandomArchive.Start.AddDays(2.5), Until = RandomArchive.Start.AddDays(9.5) },
            new() { Since = RandomArchive.Start.AddDays(6.2) },
            new() { Since = RandomArchive.Start.AddDays(3), Until = RandomArchive.Start.AddDays(4), Identity = "user3" },
        ];

        foreach (var filter in filters)
        {
            var read = await new ArchiveReader(client, table, clock).ReadAsync(filter, CancellationToken.None);

            Assert.NotEmpty(read);
            Assert.Equal(Ids(everything.Where(filter.Matches)), Ids(read));
        }
    }

    private async Task<(string Table, List<ArchivedSession> Everything)> ArchiveAsync(int seed)
    {
        var table = await dynalite.CreateSessionTableAsync();
        using var client = dynalite.CreateClient();
        await RandomArchive.WriteAsync(client, table, RandomArchive.Items(seed, count: 300, Days));
        var everything = (await RandomArchive.ScanAsync(client, table)).Select(ArchivedSession.FromItem).ToList();
        Assert.Equal(300, everything.Count);
        return (table, everything);
    }

    private static List<string> Ids(IEnumerable<ArchivedSession> sessions) => ArchivedSession.Sort(sessions).Select(session => session.ConnectionId).ToList();
}
