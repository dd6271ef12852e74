using ClientVpnAudit.Bench.Results;

namespace ClientVpnAudit.Bench.FanOut;

/// <summary>
/// A month of polls of the SQS and Lambda parts, at the steady poll's measured wall times (as <see cref="MonthlyCost"/>
/// bills the single invocation). Per poll: SendMessageBatch per ten endpoints of a target; the event source mapping's
/// ReceiveMessage and DeleteMessageBatch counted once per endpoint each (an upper bound: a worker invocation per
/// message, batch size 1); on top, the idle long polling of <see cref="Pricing.SqsIdleReceivesPerMinute"/> all month.
/// Lambda: the planner and one worker invocation per endpoint, each billed for its wall time at the stack's memory.
/// DynamoDB is left out: both ways make the same writes and reads.
/// </summary>
internal sealed record FanOutCost(double SqsRequestsPerPoll, double SqsUsd, double LambdaRequestsUsd, double LambdaComputeUsd)
{
    public double TotalUsd => SqsUsd + LambdaRequestsUsd + LambdaComputeUsd;

    public static double SqsIdleRequestsPerMonth => Pricing.SqsIdleReceivesPerMinute * Pricing.MinutesPerMonth;

    public static FanOutCost Of(FanOutPoll steady, IEnumerable<double> invocationSeconds)
    {
        var seconds = invocationSeconds.ToList();
        var sqsPerPoll = steady.SendBatches + 2.0 * steady.Workers.Count;
        return new FanOutCost(
            sqsPerPoll,
            (Pricing.PollsPerMonth * sqsPerPoll + SqsIdleRequestsPerMonth) * Pricing.PerMillionSqsRequests / 1e6,
            Lambda(seconds.Count, 0),
            Lambda(0, seconds.Sum()));
    }

    /// <summary>The planner's and every worker's measured wall time.</summary>
    public static FanOutCost Measured(FanOutPoll steady) =>
        Of(steady, steady.Workers.Select(worker => worker.WallSeconds).Prepend(steady.Planner.WallSeconds));

    /// <summary>The same by the latency model's durations: what they would be billed if only the latency counted.</summary>
    public static FanOutCost Modelled(FanOutPoll steady, FanOutResult result) =>
        Of(steady, FanOutModel.WorkersSeconds(steady, result).Prepend(FanOutModel.PlannerSeconds(steady, result)));

    /// <summary>The single invocation's Lambda part (it uses no queue).</summary>
    public static FanOutCost SingleInvocation(double wallSeconds) => new(0, 0, Lambda(1, 0), Lambda(0, wallSeconds));

    private static double Lambda(int invocationsPerPoll, double secondsPerPoll) =>
        Pricing.PollsPerMonth * (invocationsPerPoll * Pricing.PerMillionRequests / 1e6
            + secondsPerPoll * (Pricing.LambdaMemoryMb / 1024.0) * Pricing.PerGbSecondArm64);
}
