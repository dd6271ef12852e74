namespace ClientVpnAudit.Archiver.Work;

/// <summary>Where a planner sends its work: an SQS queue in AWS, a bounded queue in process for the CLI.</summary>
public interface IWorkQueue
{
    /// <exception cref="WorkQueueException">Some of the work could not be queued; the message says how much and why.</exception>
    Task EnqueueAsync(IReadOnlyList<EndpointWork> work, CancellationToken cancellationToken);
}

/// <summary>Work that could not be queued.</summary>
public sealed class WorkQueueException(string message) : Exception(message);
