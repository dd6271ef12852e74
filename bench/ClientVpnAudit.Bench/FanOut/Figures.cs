using ClientVpnAudit.Bench.Polls;

namespace ClientVpnAudit.Bench.FanOut;

/// <summary>Small figures the fan-out's writers share.</summary>
internal static class Figures
{
    public const double Mb = 1024 * 1024;

    /// <summary>An invocation's own CPU time: the bench's request accounting in the same process taken off.</summary>
    public static double Cpu(PollResult r) => r.CpuSeconds - r.DynamoDb.AccountingCpuSeconds;

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
