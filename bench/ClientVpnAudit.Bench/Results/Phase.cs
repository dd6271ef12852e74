using ClientVpnAudit.Bench.Polls;

namespace ClientVpnAudit.Bench.Results;

/// <summary>One measured poll of one poller: the child's result, the EC2 requests the emulator served, the poll's index.</summary>
internal sealed record PollOutcome(int Poll, PollResult Result, int Ec2Requests);

/// <summary>
/// A phase of a scenario (the first poll, or the steady state): the mean over its polls, except the peak working set,
/// which is the highest of them. Allocated bytes and CPU time are the poller's: what the bench's own request accounting
/// allocated and spent in the same process is taken off.
/// </summary>
internal sealed record Phase(
    int Polls,
    double WallSeconds,
    double Ec2Requests,
    double DynamoDbRequests,
    double WriteRequests,
    double WriteUnits,
    double IndexWriteUnits,
    double ReadUnits,
    double PeakWorkingSetMb,
    double AllocatedMb,
    double CpuSeconds,
    double StoreReportedUnits,
    double ModelSeconds)
{
    private const double Mb = 1024 * 1024;

    public static Phase Of(IReadOnlyList<PollOutcome> polls, ScenarioResult scenario)
    {
        if (polls.Count == 0)
        {
            throw new ArgumentException("a phase needs at least one poll");
        }

        double Mean(Func<PollOutcome, double> value) => polls.Average(value);
        return new Phase(
            polls.Count,
            Mean(p => p.Result.WallSeconds),
            Mean(p => p.Ec2Requests),
            Mean(p => p.Result.DynamoDb.Requests),
            Mean(p => p.Result.DynamoDb.WriteRequests),
            Mean(p => p.Result.DynamoDb.WriteUnits),
            Mean(p => p.Result.DynamoDb.IndexWriteUnits),
            Mean(p => p.Result.DynamoDb.ReadUnits),
            polls.Max(p => p.Result.PeakWorkingSetBytes) / Mb,
            Mean(p => (p.Result.AllocatedBytes - p.Result.DynamoDb.AccountingAllocatedBytes) / Mb),
            Mean(p => p.Result.CpuSeconds - p.Result.DynamoDb.AccountingCpuSeconds),
            Mean(p => p.Result.DynamoDb.StoreReportedUnits),
            Mean(p => LatencyModel.Seconds(p, scenario)));
    }
}
