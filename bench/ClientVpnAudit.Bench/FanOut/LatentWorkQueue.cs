using ClientVpnAudit.Archiver.Work;
using ClientVpnAudit.Bench.Aws;

namespace ClientVpnAudit.Bench.FanOut;

/// <summary>
/// The planner's queue in the bench: keeps the work as SQS would, and waits the modelled SQS latency once per
/// SendMessageBatch that <see cref="SqsWorkQueue"/> would send (ten entries each).
/// </summary>
internal sealed class LatentWorkQueue(TimeSpan sqsLatency) : IWorkQueue
{
    private readonly List<EndpointWork> _work = [];

    public IReadOnlyList<EndpointWork> Work => _work;

    public async Task EnqueueAsync(IReadOnlyList<EndpointWork> work, CancellationToken cancellationToken)
    {
        foreach (var batch in work.Chunk(SqsWorkQueue.BatchSize))
        {
            await DelayScheduler.Shared.Delay(sqsLatency, cancellationToken);
            lock (_work)
            {
                _work.AddRange(batch);
            }
        }
    }

    /// <summary>The SendMessageBatch requests a planner makes for this work: each target's endpoints, ten at a time.</summary>
    public static int Batches(IEnumerable<EndpointWork> work) =>
        work.GroupBy(item => item.Target).Sum(target => (target.Count() + SqsWorkQueue.BatchSize - 1) / SqsWorkQueue.BatchSize);
}
