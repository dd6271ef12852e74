using System.Text.Json;
using System.Text.Json.Nodes;
using ClientVpnAudit.Archiver.Configuration;

namespace ClientVpnAudit.Bench.Results;

/// <summary>latest.json: per scenario the first and steady phase of each poller, the minimum, bounds, costs, targets, checks.</summary>
internal static class JsonResultWriter
{
    public static void Write(string path, IReadOnlyList<ScenarioResult> results, Queries.QueryBenchResult? queries, BenchOptions options, Machine machine,
        FanOut.FanOutResult? fanOut = null)
    {
        var root = new JsonObject
        {
            ["scenarios"] = new JsonArray(results.Select(Scenario).ToArray()),
            ["fan_out"] = FanOut.FanOutJson.Of(fanOut),
            ["queries"] = queries is null ? null : QueryResultWriter.Json(queries),
            ["run_seconds"] = Round(results.Sum(result => result.ScenarioSeconds), 0),
            ["settings"] = new JsonObject
            {
                ["ec2_latency_ms"] = options.Latency.Ec2.TotalMilliseconds,
                ["dynamodb_latency_ms"] = options.Latency.DynamoDb.TotalMilliseconds,
                ["max_concurrency"] = options.EffectiveMaxConcurrency,
                ["active_refresh_minutes"] = ArchiverOptions.DefaultActiveRefreshMinutes,
                ["time_budget_seconds_default"] = ArchiverOptions.DefaultTimeBudgetSeconds,
                ["time_budget_seconds_in_bench"] = options.TimeBudgetSeconds,
                ["lambda_memory_mb"] = Pricing.LambdaMemoryMb,
                ["polls_per_month"] = Pricing.PollsPerMonth,
                ["prices"] = $"{Pricing.Region}, {Pricing.AsOf}",
            },
            ["machine"] = new JsonObject
            {
                ["cores"] = machine.Cores,
                ["cpu"] = machine.Cpu,
                ["memory_gb"] = machine.MemoryGb,
                ["os"] = machine.Os,
                ["runtime"] = machine.Runtime,
                ["load_average_at_end"] = machine.LoadAverage,
            },
        };
        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static JsonNode Scenario(ScenarioResult result)
    {
        var archiverSteady = result.ArchiverSteady;
        var naiveSteady = result.NaiveSteady;
        return new JsonObject
        {
            ["name"] = result.Spec.Name,
            ["endpoints"] = result.Spec.Endpoints,
            ["connections_per_endpoint"] = result.Spec.ConnectionsPerEndpoint,
            ["connections"] = result.Spec.Connections,
            ["scenario_seconds"] = Round(result.ScenarioSeconds, 0),
            ["archiver"] = new JsonObject { ["first"] = Phase(result.ArchiverFirst), ["steady"] = Phase(archiverSteady) },
            ["naive"] = naiveSteady is null ? null : new JsonObject { ["first"] = Phase(result.NaiveFirst!), ["steady"] = Phase(naiveSteady) },
            ["minimum_write_units"] = new JsonObject { ["first"] = result.MinimumFirst, ["steady"] = Round(result.MinimumSteady) },
            ["minimum_write_units_previous_layout"] = new JsonObject
            {
                ["first"] = result.PreviousLayoutMinimumFirst,
                ["steady"] = Round(result.PreviousLayoutMinimumSteady),
            },
            ["minimum_writes"] = new JsonObject { ["first"] = result.Minimum[0].Writes, ["steady"] = Round(result.MinimumWritesSteady) },
            ["lower_bound_seconds"] = Round(result.LowerBoundSeconds, 3),
            ["concurrency_bound_seconds"] = Round(result.ConcurrencyBoundSeconds, 3),
            ["monthly_cost_usd"] = new JsonObject
            {
                ["archiver"] = Round(MonthlyCost.Of(archiverSteady).TotalUsd, 4),
                ["naive"] = naiveSteady is null ? null : Round(MonthlyCost.Of(naiveSteady).TotalUsd, 4),
            },
            ["ratios"] = new JsonObject
            {
                ["steady_write_units_archiver_to_naive"] = naiveSteady is null ? null : Round(archiverSteady.WriteUnits / naiveSteady.WriteUnits, 4),
                ["steady_write_requests_archiver_to_naive"] = naiveSteady is null ? null : Round(archiverSteady.WriteRequests / naiveSteady.WriteRequests, 4),
                ["steady_wall_archiver_to_naive"] = naiveSteady is null ? null : Round(archiverSteady.WallSeconds / naiveSteady.WallSeconds, 4),
                ["steady_write_units_archiver_to_minimum"] = Round(archiverSteady.WriteUnits / result.MinimumSteady, 4),
                ["first_write_units_archiver_to_minimum"] = Round(result.ArchiverFirst.WriteUnits / result.MinimumFirst, 4),
                ["first_wall_to_lower_bound"] = Round(result.ArchiverFirst.WallSeconds / result.LowerBoundSeconds, 2),
                ["steady_wall_to_lower_bound"] = Round(archiverSteady.WallSeconds / result.LowerBoundSeconds, 2),
            },
            ["targets"] = new JsonArray(Targets.For(result).Select(target => (JsonNode)new JsonObject
            {
                ["what"] = target.What,
                ["actual"] = Round(target.Actual, 4),
                ["limit"] = target.Limit,
                ["unit"] = target.Unit,
                ["met"] = target.Met,
            }).ToArray()),
            ["verification"] = new JsonObject
            {
                ["archiver"] = Verdict(result.ArchiverVerdict),
                ["naive"] = result.Spec.WithNaive ? Verdict(result.NaiveVerdict) : null,
            },
            ["polls"] = new JsonArray(result.Archiver.Concat(result.Naive).Select(poll => Poll(poll, result)).ToArray()),
        };
    }

    private static JsonObject Phase(Phase phase) => new()
    {
        ["wall_seconds"] = Round(phase.WallSeconds, 3),
        ["ec2_requests"] = Round(phase.Ec2Requests),
        ["dynamodb_requests"] = Round(phase.DynamoDbRequests),
        ["write_units"] = Round(phase.WriteUnits),
        ["read_units"] = Round(phase.ReadUnits),
        ["peak_working_set_mb"] = Round(phase.PeakWorkingSetMb, 1),
        ["write_requests"] = Round(phase.WriteRequests),
        ["index_write_units"] = Round(phase.IndexWriteUnits),
        ["allocated_mb"] = Round(phase.AllocatedMb, 1),
        ["cpu_seconds"] = Round(phase.CpuSeconds, 2),
        ["store_reported_units"] = Round(phase.StoreReportedUnits),
        ["latency_model_seconds"] = Round(phase.ModelSeconds, 2),
        ["polls"] = phase.Polls,
    };

    private static JsonObject Poll(PollOutcome poll, ScenarioResult result)
    {
        var r = poll.Result;
        var json = new JsonObject
        {
            ["poll"] = poll.Poll,
            ["poller"] = r.Poller == Polls.PollCommand.Archiver ? "archiver" : "naive",
            ["succeeded"] = r.Succeeded,
            ["wall_seconds"] = Round(r.WallSeconds, 3),
            ["latency_model_seconds"] = Round(LatencyModel.Seconds(poll, result), 2),
            ["cpu_seconds"] = Round(r.CpuSeconds - r.DynamoDb.AccountingCpuSeconds, 2),
            ["ec2_requests"] = poll.Ec2Requests,
            ["ec2_latency_injected_ms"] = Round(r.Ec2LatencyMs, 2),
            ["dynamodb_requests"] = r.DynamoDb.Requests,
            ["dynamodb_latency_injected_ms"] = Round(r.DynamoDbLatencyMs, 2),
            ["requests_by_operation"] = new JsonObject(r.DynamoDb.RequestsByOperation.Select(entry => KeyValuePair.Create(entry.Key, (JsonNode?)entry.Value))),
            ["write_requests"] = r.DynamoDb.WriteRequests,
            ["conditional_failures"] = r.DynamoDb.ConditionalFailures,
            ["write_units"] = r.DynamoDb.WriteUnits,
            ["index_write_units"] = r.DynamoDb.IndexWriteUnits,
            ["read_units"] = r.DynamoDb.ReadUnits,
            ["store_reported_units"] = r.DynamoDb.StoreReportedUnits,
            ["peak_working_set_mb"] = Round(r.PeakWorkingSetBytes / 1048576.0, 1),
            ["allocated_mb"] = Round((r.AllocatedBytes - r.DynamoDb.AccountingAllocatedBytes) / 1048576.0, 1),
            ["accounting_allocated_mb"] = Round(r.DynamoDb.AccountingAllocatedBytes / 1048576.0, 1),
            ["accounting_cpu_seconds"] = Round(r.DynamoDb.AccountingCpuSeconds, 2),
            ["connections_seen"] = r.ConnectionsSeen,
            ["inserted"] = r.Inserted,
            ["updated"] = r.Updated,
            ["unchanged"] = r.Unchanged,
            ["stale"] = r.Stale,
            ["marked_lost"] = r.MarkedLost,
            ["error"] = r.Error,
        };
        if (r.Poller == Polls.PollCommand.Archiver)
        {
            json["minimum_writes"] = result.Minimum[poll.Poll].Writes;
            json["minimum_write_units"] = result.Minimum[poll.Poll].WriteUnits;
        }

        return json;
    }

    public static JsonObject? Verdict(Verification.Verdict? verdict) => verdict is null ? null : new JsonObject
    {
        ["correct"] = verdict.Correct,
        ["stored"] = verdict.Stored,
        ["expected"] = verdict.Expected,
        ["wrong"] = verdict.Wrong,
        ["examples"] = new JsonArray(verdict.Examples.Select(example => (JsonNode)example).ToArray()),
        ["largest_item_bytes"] = verdict.LargestItemBytes,
    };

    private static double Round(double value, int digits = 1) => Math.Round(value, digits);
}
