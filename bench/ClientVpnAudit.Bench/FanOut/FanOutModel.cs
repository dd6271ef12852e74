using ClientVpnAudit.Bench.Polls;
using ClientVpnAudit.Bench.Results;

namespace ClientVpnAudit.Bench.FanOut;

/// <summary>
/// The fan-out scenario by the latency model (<see cref="LatencyModel"/>): only the injected latency counts.
/// <list type="bullet">
/// <item>Single invocation: every target's endpoint listing, ceil(E / MAX_CONCURRENCY) rounds of the endpoint chain,
/// the Scan pages.</item>
/// <item>Planner: its EC2 listing pages and DynamoDB requests one after another, plus one SQS latency per
/// SendMessageBatch.</item>
/// <item>Worker: its endpoint's chain from its own pages, writes and queries, plus any other request after it.</item>
/// <item>Fan-out: the planner, then the workers in queue order on MaxWorkers slots (<see cref="Makespan"/>); with
/// unlimited workers, the planner and the largest worker.</item>
/// </list>
/// </summary>
internal static class FanOutModel
{
    public static double SingleSeconds(FanOutPoll poll, FanOutResult result)
    {
        var r = poll.Single;
        var endpoints = result.Spec.Endpoints;
        var operations = r.DynamoDb.RequestsByOperation;
        var pages = Math.Max(1, r.Pages);
        var endpoint = LatencyModel.EndpointSeconds(
            (int)Math.Ceiling((double)pages / endpoints),
            (double)r.ConnectionsSeen / pages,
            (double)r.DynamoDb.WriteRequests / pages,
            (double)operations.GetValueOrDefault("Query") / endpoints,
            result.Latency);
        return LatencyModel.SingleInvocationSeconds(r.Ec2Requests - r.Pages, endpoints, result.MaxConcurrency, endpoint,
            operations.GetValueOrDefault("Scan"), result.Latency);
    }

    public static double PlannerSeconds(FanOutPoll poll, FanOutResult result) =>
        poll.Planner.Ec2Requests * result.Latency.Ec2.TotalSeconds
        + poll.Planner.DynamoDb.Requests * result.Latency.DynamoDb.TotalSeconds
        + poll.SendBatches * result.Options.SqsLatency.TotalSeconds;

    public static double WorkerSeconds(PollResult worker, FanOutResult result)
    {
        var operations = worker.DynamoDb.RequestsByOperation;
        var pages = Math.Max(1, worker.Pages);
        var queries = operations.GetValueOrDefault("Query");
        var others = worker.DynamoDb.Requests - operations.GetValueOrDefault("BatchGetItem") - worker.DynamoDb.WriteRequests - queries;
        return LatencyModel.EndpointSeconds(pages, (double)worker.ConnectionsSeen / pages, (double)worker.DynamoDb.WriteRequests / pages, queries,
            result.Latency) + Math.Max(0, others) * result.Latency.DynamoDb.TotalSeconds;
    }

    public static IReadOnlyList<double> WorkersSeconds(FanOutPoll poll, FanOutResult result) =>
        poll.Workers.Select(worker => WorkerSeconds(worker, result)).ToList();

    public static double FanOutSeconds(FanOutPoll poll, FanOutResult result) =>
        PlannerSeconds(poll, result) + Makespan.Of(WorkersSeconds(poll, result), result.Options.MaxWorkers);

    public static double UnlimitedSeconds(FanOutPoll poll, FanOutResult result) =>
        PlannerSeconds(poll, result) + WorkersSeconds(poll, result).DefaultIfEmpty(0).Max();
}
