namespace ClientVpnAudit.Bench.FanOut;

/// <summary>
/// When the last of some jobs ends if they run in order on a number of slots, each slot taking the next job as soon as
/// it is free: how an SQS event source mapping under MaximumConcurrency works through a burst of messages.
/// </summary>
internal static class Makespan
{
    public static double Of(IEnumerable<double> durations, int slots)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        var free = new PriorityQueue<int, double>();
        for (var slot = 0; slot < slots; slot++)
        {
            free.Enqueue(slot, 0);
        }

        var end = 0.0;
        foreach (var duration in durations)
        {
            free.TryDequeue(out var slot, out var start);
            end = Math.Max(end, start + duration);
            free.Enqueue(slot, start + duration);
        }

        return end;
    }
}
