namespace ClientVpnAudit.Bench.Results;

/// <summary>
/// List prices, in one place. Region us-east-1, in effect since 1 November 2024 (the DynamoDB on-demand price cut):
/// DynamoDB on-demand $0.625 per million write request units and $0.125 per million read request units; Lambda arm64
/// $0.0000133334 per GB-second (first tier) and $0.20 per million requests. Free tiers, storage, PITR and logs are
/// left out: they do not depend on how a poll is written.
/// </summary>
internal static class Pricing
{
    public const string Region = "us-east-1";
    public const string AsOf = "list prices in effect since 2024-11-01";
    public const double PerMillionWriteUnits = 0.625;
    public const double PerMillionReadUnits = 0.125;
    public const double PerGbSecondArm64 = 0.0000133334;
    public const double PerMillionRequests = 0.20;

    /// <summary>The function's memory setting the cost assumes (the stack's default).</summary>
    public const int LambdaMemoryMb = 1769;

    /// <summary>Every 5 minutes for a 730-hour month (AWS's monthly convention).</summary>
    public const int PollsPerMonth = 730 * 12;

    /// <summary>SQS standard queue, per million requests (each 64 KB chunk of a request is one; work messages are tiny).</summary>
    public const double PerMillionSqsRequests = 0.40;

    /// <summary>
    /// An assumption: an idle SQS event source mapping with MaximumConcurrency set keeps 5 pollers long-polling for 20 s
    /// (AWS Lambda guide, "Configuring scaling behavior for SQS event source mappings": five concurrent batches when
    /// traffic is low; the scale-down to two is not available with maximum concurrency), so 15 ReceiveMessage a minute.
    /// </summary>
    public const double SqsIdleReceivesPerMinute = 5 * 60 / 20.0;

    public const double MinutesPerMonth = 730 * 60;
}

/// <summary>A month of polls at the steady state's cost per poll.</summary>
internal sealed record MonthlyCost(double WriteUnitsUsd, double ReadUnitsUsd, double LambdaComputeUsd, double LambdaRequestsUsd)
{
    public double TotalUsd => WriteUnitsUsd + ReadUnitsUsd + LambdaComputeUsd + LambdaRequestsUsd;

    public static MonthlyCost Of(Phase steady)
    {
        const double polls = Pricing.PollsPerMonth;
        return new MonthlyCost(
            polls * steady.WriteUnits * Pricing.PerMillionWriteUnits / 1e6,
            polls * steady.ReadUnits * Pricing.PerMillionReadUnits / 1e6,
            polls * steady.WallSeconds * (Pricing.LambdaMemoryMb / 1024.0) * Pricing.PerGbSecondArm64,
            polls * Pricing.PerMillionRequests / 1e6);
    }
}
