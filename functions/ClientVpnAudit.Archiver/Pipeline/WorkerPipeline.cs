using Amazon.DynamoDBv2;
using Amazon.EC2;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Work;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>One queued message: its id (what a failure is reported by) and its body, an <see cref="EndpointWork"/>.</summary>
public sealed record QueuedWork(string MessageId, string? Body);

/// <summary>What a worker run did, and which messages failed and must be delivered again.</summary>
public sealed record WorkerRunResult(RunSummary Summary, IReadOnlyList<string> FailedMessageIds);

/// <summary>
/// The workers' run on its own (the queue-triggered function in AWS): each message's endpoint archived, a few at once.
/// A message that fails (its endpoint could not be archived, it is not a work item, it names a target this deployment
/// does not archive) is reported by its id, so it alone is delivered again. Stale work is dropped and counted.
/// </summary>
public sealed class WorkerPipeline(Func<Target, IAmazonEC2> ec2For, IAmazonDynamoDB dynamoDb, ArchiverOptions options, JsonLog log,
    PollContext? context = null)
{
    private readonly PollContext _context = context ?? PollContext.Live;

    public async Task<WorkerRunResult> RunAsync(IReadOnlyList<QueuedWork> messages, CancellationToken cancellationToken = default)
    {
        var startedAt = (_context.Clock ?? TimeProvider.System).GetUtcNow();
        using var budget = new RunBudget(options.TimeBudget, cancellationToken);
        var shared = RunShared.Create(dynamoDb, options, budget);
        var worker = new EndpointWorker(ec2For, options, _context, shared, log, cancellationToken);
        var targets = (options.Targets.Count > 0 ? options.Targets : [options.Target]).ToHashSet();
        var failed = new System.Collections.Concurrent.ConcurrentBag<string>();

        await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency }, async (message, _) =>
        {
            EndpointWork work;
            try
            {
                work = WorkMessages.Parse(message.Body);
            }
            catch (InvalidWorkMessageException exception)
            {
                worker.Fail($"message {message.MessageId}", exception.Message);
                failed.Add(message.MessageId);
                return;
            }

            if (!targets.Contains(work.Target))
            {
                worker.Fail(work.ClientVpnEndpointId, $"{work.Target} is not a target of this deployment ({ArchiverSettingNames.Targets})");
                failed.Add(message.MessageId);
                return;
            }

            if (await worker.ArchiveAsync(work) == WorkOutcome.Failed)
            {
                failed.Add(message.MessageId);
            }
        });

        cancellationToken.ThrowIfCancellationRequested();
        var summary = shared.Summarize(startedAt, _context, shared.Tally.EndpointsAttempted, endpointPages: 0, error: null);
        return new WorkerRunResult(summary, failed.Order(StringComparer.Ordinal).ToArray());
    }
}
