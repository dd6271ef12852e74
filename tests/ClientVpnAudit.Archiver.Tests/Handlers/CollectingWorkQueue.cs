using ClientVpnAudit.Archiver.Work;

namespace ClientVpnAudit.Archiver.Tests.Handlers;

/// <summary>A work queue that keeps what the planner sends, for a test to hand to the worker as SQS would.</summary>
internal sealed class CollectingWorkQueue : IWorkQueue
{
    private readonly List<EndpointWork> _work = [];

    public IReadOnlyList<EndpointWork> Work => _work;

    public Task EnqueueAsync(IReadOnlyList<EndpointWork> work, CancellationToken cancellationToken)
    {
        lock (_work)
        {
            _work.AddRange(work);
        }

        return Task.CompletedTask;
    }
}
