using System.Text.Json.Nodes;
using ClientVpnAudit.Bench.Polls;

namespace ClientVpnAudit.Bench.FanOut;

/// <summary>The fan-out section of latest.json.</summary>
internal static class FanOutJson
{
    public static JsonNode? Of(FanOutResult? result) => result is null ? null : new JsonObject
    {
        ["name"] = result.Spec.Name,
        ["endpoints"] = result.Spec.Endpoints,
        ["connections_per_endpoint"] = result.Spec.ConnectionsPerEndpoint,
        ["targets"] = new JsonArray(FanOutListing.Targets.Select(target => (JsonNode)target.ToString()).ToArray()),
        ["max_concurrency_single"] = result.MaxConcurrency,
        ["max_workers"] = result.Options.MaxWorkers,
        ["sqs_latency_ms"] = result.Options.SqsLatency.TotalMilliseconds,
        ["scenario_seconds"] = Math.Round(result.ScenarioSeconds),
        ["load_average_at_start"] = result.LoadAverageAtStart,
        ["load_average_at_end"] = result.LoadAverageAtEnd,
        ["first"] = Poll(result.First, result),
        ["steady"] = Poll(result.Steady, result),
        ["monthly_cost_usd"] = new JsonObject
        {
            ["single_invocation_lambda"] = Cost(FanOutCost.SingleInvocation(result.Steady.Single.WallSeconds)),
            ["fan_out"] = Cost(FanOutCost.Measured(result.Steady)),
            ["single_invocation_lambda_by_model"] = Cost(FanOutCost.SingleInvocation(FanOutModel.SingleSeconds(result.Steady, result))),
            ["fan_out_by_model"] = Cost(FanOutCost.Modelled(result.Steady, result)),
            ["sqs_idle_requests_per_month"] = FanOutCost.SqsIdleRequestsPerMonth,
        },
        ["verification"] = new JsonObject
        {
            ["single_invocation"] = Results.JsonResultWriter.Verdict(result.SingleVerdict),
            ["fan_out"] = Results.JsonResultWriter.Verdict(result.FanOutVerdict),
        },
    };

    private static JsonObject Poll(FanOutPoll poll, FanOutResult result)
    {
        var single = FanOutModel.SingleSeconds(poll, result);
        var fanOut = FanOutModel.FanOutSeconds(poll, result);
        var workerModels = FanOutModel.WorkersSeconds(poll, result);
        return new JsonObject
        {
            ["poll"] = poll.Poll,
            ["succeeded"] = poll.Succeeded,
            ["minimum_writes"] = poll.Minimum.Writes,
            ["ratio_fan_out_to_single_model"] = Round(fanOut / single, 3),
            ["ratio_fan_out_unlimited_to_single_model"] = Round(FanOutModel.UnlimitedSeconds(poll, result) / single, 3),
            ["ratio_fan_out_to_single_measured"] = Round(poll.FanOutWallSeconds / poll.Single.WallSeconds, 3),
            ["single_invocation"] = With(Invocation(poll.Single), single),
            ["fan_out"] = new JsonObject
            {
                ["wall_seconds"] = Round(poll.FanOutWallSeconds, 3),
                ["workers_elapsed_seconds"] = Round(poll.WorkersElapsedSeconds, 3),
                ["latency_model_seconds"] = Round(fanOut, 3),
                ["latency_model_seconds_unlimited_workers"] = Round(FanOutModel.UnlimitedSeconds(poll, result), 3),
                ["send_message_batches"] = poll.SendBatches,
                ["planner"] = With(Invocation(poll.Planner), FanOutModel.PlannerSeconds(poll, result)),
                ["workers"] = new JsonObject
                {
                    ["count"] = poll.Workers.Count,
                    ["wall_seconds_max"] = Round(poll.Workers.Max(w => w.WallSeconds), 3),
                    ["wall_seconds_median"] = Round(Figures.Median(poll.Workers.Select(w => w.WallSeconds)), 3),
                    ["latency_model_seconds_max"] = Round(workerModels.Max(), 3),
                    ["latency_model_seconds_median"] = Round(Figures.Median(workerModels), 3),
                    ["latency_model_seconds_sum"] = Round(workerModels.Sum(), 3),
                    ["peak_working_set_mb_max"] = Round(poll.Workers.Max(w => w.PeakWorkingSetBytes) / Figures.Mb, 1),
                    ["peak_working_set_mb_median"] = Round(Figures.Median(poll.Workers.Select(w => (double)w.PeakWorkingSetBytes)) / Figures.Mb, 1),
                    ["cpu_seconds_sum"] = Round(poll.Workers.Sum(Figures.Cpu), 2),
                    ["each"] = new JsonArray(poll.Workers.Select((worker, index) => (JsonNode)With(Invocation(worker), workerModels[index])).ToArray()),
                },
            },
        };
    }

    private static JsonObject Invocation(PollResult r) => new()
    {
        ["succeeded"] = r.Succeeded,
        ["wall_seconds"] = Round(r.WallSeconds, 3),
        ["cpu_seconds"] = Round(Figures.Cpu(r), 2),
        ["peak_working_set_mb"] = Round(r.PeakWorkingSetBytes / Figures.Mb, 1),
        ["ec2_requests"] = r.Ec2Requests,
        ["dynamodb_requests"] = r.DynamoDb.Requests,
        ["write_requests"] = r.DynamoDb.WriteRequests,
        ["write_units"] = r.DynamoDb.WriteUnits,
        ["read_units"] = r.DynamoDb.ReadUnits,
        ["pages"] = r.Pages,
        ["connections_seen"] = r.ConnectionsSeen,
        ["error"] = r.Error,
    };

    private static JsonObject With(JsonObject invocation, double modelSeconds)
    {
        invocation["latency_model_seconds"] = Round(modelSeconds, 3);
        return invocation;
    }

    private static JsonObject Cost(FanOutCost cost) => new()
    {
        ["sqs_requests_per_poll"] = cost.SqsRequestsPerPoll,
        ["sqs"] = Round(cost.SqsUsd, 4),
        ["lambda_requests"] = Round(cost.LambdaRequestsUsd, 4),
        ["lambda_compute"] = Round(cost.LambdaComputeUsd, 4),
        ["total"] = Round(cost.TotalUsd, 4),
    };

    private static double Round(double value, int digits) => Math.Round(value, digits);
}
