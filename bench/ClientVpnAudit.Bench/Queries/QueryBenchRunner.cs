using System.Diagnostics;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using ClientVpnAudit.Archiver.Storage;
using ClientVpnAudit.Bench.Aws;
using ClientVpnAudit.Bench.Capacity;
using ClientVpnAudit.Cli.Queries;
using ClientVpnAudit.LocalStore;

namespace ClientVpnAudit.Bench.Queries;

/// <summary>
/// Loads a history into a fresh dynalite (on disk) one checkpoint at a time, and at each checkpoint asks every question
/// twice: the way `cvpn-audit sessions` answers it (<see cref="ArchiveReader"/>: index Queries, then BatchGetItem) and
/// with one Scan of the whole table filtered by the same overlap rule. Both must find the same sessions. Every request
/// passes the injected DynamoDB latency and the capacity accounting.
/// </summary>
internal sealed class QueryBenchRunner(HistorySpec spec, Latency latency, string workFolder)
{
    private const string Table = "sessions-history";

    public async Task<QueryBenchResult> RunAsync(CancellationToken cancellationToken)
    {
        var run = Stopwatch.StartNew();
        var questions = QueryQuestion.For(spec);
        var measurements = new List<QueryMeasurement>();
        var mismatches = new List<string>();
        var dataFolder = Path.Combine(workFolder, "query-history");
        if (Directory.Exists(dataFolder))
        {
            Directory.Delete(dataFolder, recursive: true);
        }

        Directory.CreateDirectory(dataFolder);
        Progress($"queries: {spec.Records:N0} sessions over {spec.Days} days, {spec.Endpoints} endpoints, {spec.Identities:N0} users; "
            + $"asked after {string.Join(", ", spec.Checkpoints)} days");
        var loadTime = TimeSpan.Zero;
        await using (var dynalite = await Store.LocalStore.StartAsync(Progress, cancellationToken, dataFolder))
        {
            using var plain = BenchClients.PlainDynamoDb(dynalite.Url);
            await SessionTableCreation.EnsureExistsAsync(plain, Table, cancellationToken);
            var loader = new HistoryLoader(plain, Table);
            using var records = HistoryGenerator.Records(spec).GetEnumerator();
            var pending = records.MoveNext();
            long stored = 0;
            foreach (var days in spec.Checkpoints)
            {
                var load = Stopwatch.StartNew();
                stored += await loader.LoadAsync(TakeUntil(records, days, ref pending), cancellationToken);
                loadTime += load.Elapsed;
                Progress(Invariant($"queries: {stored:N0} sessions stored ({days} days), loaded in {loadTime.TotalSeconds:0} s so far"));

                var scan = await MeasureAsync(dynalite.Url, client =>
                    TableReads.ScanAsync(client, new ScanRequest { TableName = Table, ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL }, cancellationToken));
                var everything = scan.Result.Select(ArchivedSession.FromItem).ToList();
                foreach (var question in questions)
                {
                    var index = await MeasureAsync(dynalite.Url, client =>
                        new ArchiveReader(client, Table, new FixedClock(HistorySpec.Start.AddDays(days))).ReadAsync(question.Filter, cancellationToken));
                    var expected = Ids(everything.Where(question.Filter.Matches));
                    if (!expected.SequenceEqual(Ids(index.Result)))
                    {
                        mismatches.Add($"{question.Name} after {days} days: the index plan found {index.Result.Count}, the Scan {expected.Count}");
                    }

                    measurements.Add(Measurement(days, stored, question, QueryBenchResult.IndexPlan, index.Result.Count, index));
                    measurements.Add(Measurement(days, stored, question, QueryBenchResult.TableScan, expected.Count, scan));
                    Progress(Invariant($"queries: {days,3} days  {question.Name,-32} index plan {index.Tally.ItemsRead,7:N0} items {index.Tally.ReadUnits,9:N1} RRU {index.Tally.Requests,4} requests {index.Seconds,6:0.00} s   Scan {scan.Tally.ItemsRead,7:N0} items {scan.Tally.ReadUnits,9:N1} RRU {scan.Seconds,6:0.00} s   {expected.Count:N0} sessions"));
                }
            }
        }

        Directory.Delete(dataFolder, recursive: true);
        return new QueryBenchResult(spec, questions, measurements, loadTime.TotalSeconds, run.Elapsed.TotalSeconds, mismatches);
    }

    /// <summary>The records established before the end of day <paramref name="days"/>, taken from where the last call stopped.</summary>
    private static IEnumerable<Dictionary<string, AttributeValue>> TakeUntil(IEnumerator<Dictionary<string, AttributeValue>> records, int days, ref bool pending)
    {
        var batch = new List<Dictionary<string, AttributeValue>>();
        while (pending && HistoryLoader.DayOf(records.Current) < days)
        {
            batch.Add(records.Current);
            pending = records.MoveNext();
        }

        return batch;
    }

    private async Task<Measured<T>> MeasureAsync<T>(Uri dynamoDbUrl, Func<IAmazonDynamoDB, Task<T>> read)
    {
        using var sockets = new SocketsHttpHandler();
        using var delay = new LatencyHandler(latency.DynamoDb, sockets);
        using var capacity = new CapacityAccountingHandler(delay);
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("test", "test"), new AmazonDynamoDBConfig
        {
            ServiceURL = dynamoDbUrl.ToString(),
            AuthenticationRegion = BenchClients.Region,
            HttpClientFactory = new BenchHttpClientFactory(capacity),
        });
        var clock = Stopwatch.StartNew();
        var result = await read(client);
        return new Measured<T>(result, capacity.Tally.Snapshot(), clock.Elapsed.TotalSeconds);
    }

    private static QueryMeasurement Measurement<T>(int days, long stored, QueryQuestion question, string plan, int sessions, Measured<T> measured) =>
        new(days, stored, question.Name, plan, sessions, measured.Tally.ItemsRead, measured.Tally.ReadUnits, measured.Tally.Requests,
            measured.Tally.RequestsByOperation, measured.Seconds);

    private static List<string> Ids(IEnumerable<ArchivedSession> sessions) =>
        sessions.Select(session => session.ConnectionId).Order(StringComparer.Ordinal).ToList();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Progress(string message) => Console.Error.WriteLine(message);

    private sealed record Measured<T>(T Result, CapacitySnapshot Tally, double Seconds);
}
