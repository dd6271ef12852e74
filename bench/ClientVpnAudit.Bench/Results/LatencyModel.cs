using ClientVpnAudit.Bench.Aws;
using ClientVpnAudit.Bench.Polls;

namespace ClientVpnAudit.Bench.Results;

/// <summary>
/// What a poll would take if the store and the CPU were instant and only the injected latency counted: the design's
/// own time, without dynalite's and this machine's. Computed from the requests a poll made and the poller's structure.
/// <list type="bullet">
/// <item>Naive: every request waits for the one before, so the sum of all latencies.</item>
/// <item>Archiver: the endpoint listing, then MAX_CONCURRENCY endpoints at a time, each a chain of its pages. A page's
/// successor is requested as soon as the page arrives (prefetch); a page is processed by its BatchGetItems one after
/// another (100 keys each) and its writes 8 at a time; then the endpoint's ActiveByEndpoint query. Writes are spread
/// evenly over the endpoints and their pages. Last, the Scan of the ActiveByEndpoint index that finds the sessions of
/// deleted endpoints, one page after another.</item>
/// </list>
/// </summary>
internal static class LatencyModel
{
    /// <summary>EndpointArchiver.WritesInFlight.</summary>
    public const int WritesInFlightPerEndpoint = 8;

    private const int BatchGetKeys = 100;

    public static double NaiveSeconds(PollOutcome poll, ScenarioResult scenario) =>
        poll.Ec2Requests * scenario.Latency.Ec2.TotalSeconds + poll.Result.DynamoDb.Requests * scenario.Latency.DynamoDb.TotalSeconds;

    public static double ArchiverSeconds(PollOutcome poll, ScenarioResult scenario)
    {
        var spec = scenario.Spec;
        var pages = scenario.PagesPerEndpoint;
        var endpoint = EndpointSeconds(
            pages,
            (double)spec.ConnectionsPerEndpoint / pages,
            (double)poll.Result.DynamoDb.WriteRequests / spec.Endpoints / pages,
            (double)poll.Result.DynamoDb.RequestsByOperation.GetValueOrDefault("Query") / spec.Endpoints,
            scenario.Latency);
        return SingleInvocationSeconds(scenario.EndpointListingPages, spec.Endpoints, scenario.MaxConcurrency, endpoint,
            poll.Result.DynamoDb.RequestsByOperation.GetValueOrDefault("Scan"), scenario.Latency);
    }

    /// <summary>
    /// One invocation: the endpoint listing pages (of every target, one after another), then ceil(E / concurrency)
    /// rounds of the endpoint chain, then the Scan pages that find the sessions of gone endpoints.
    /// </summary>
    public static double SingleInvocationSeconds(int listingPages, int endpoints, int concurrency, double endpointSeconds, int scanPages,
        Latency latency) =>
        listingPages * latency.Ec2.TotalSeconds + Math.Ceiling((double)endpoints / concurrency) * endpointSeconds + scanPages * latency.DynamoDb.TotalSeconds;

    /// <summary>
    /// One endpoint's chain: its pages, each requested as the one before arrives and processed by its BatchGetItems one
    /// after another and its writes <see cref="WritesInFlightPerEndpoint"/> at a time, then its ActiveByEndpoint queries.
    /// </summary>
    public static double EndpointSeconds(int pages, double connectionsPerPage, double writesPerPage, double queries, Latency latency)
    {
        var ec2 = latency.Ec2.TotalSeconds;
        var dynamoDb = latency.DynamoDb.TotalSeconds;
        var pageWork = (Math.Ceiling(connectionsPerPage / BatchGetKeys) + Math.Ceiling(writesPerPage / WritesInFlightPerEndpoint)) * dynamoDb;

        double arrived = ec2, finished = 0;
        for (var page = 0; page < pages; page++)
        {
            finished = Math.Max(arrived, finished) + pageWork;
            arrived += ec2;
        }

        return finished + queries * dynamoDb;
    }

    public static double Seconds(PollOutcome poll, ScenarioResult scenario) =>
        poll.Result.Poller == PollCommand.Archiver ? ArchiverSeconds(poll, scenario) : NaiveSeconds(poll, scenario);
}
