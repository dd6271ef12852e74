using Amazon.SQS;
using Amazon.SQS.Model;

namespace ClientVpnAudit.Archiver.Work;

/// <summary>
/// The planner's side of the SQS work queue: one message per endpoint, sent ten at a time (SendMessageBatch's limit).
/// Entries SQS could not take for its own reasons are sent again, a few times; an entry refused as the sender's fault
/// is not.
/// </summary>
public sealed class SqsWorkQueue(IAmazonSQS sqs, string queueUrl) : IWorkQueue
{
    public const int BatchSize = 10;
    private const int MaxAttempts = 3;

    public async Task EnqueueAsync(IReadOnlyList<EndpointWork> work, CancellationToken cancellationToken)
    {
        var refused = new List<(EndpointWork Work, BatchResultErrorEntry Error)>();
        foreach (var batch in work.Chunk(BatchSize))
        {
            refused.AddRange(await SendAsync(batch, cancellationToken));
        }

        if (refused.Count > 0)
        {
            var (first, error) = refused[0];
            throw new WorkQueueException($"{refused.Count} of {work.Count} endpoints were not queued, e.g. {first.ClientVpnEndpointId}: "
                + $"{error.Code} {error.Message}".Trim());
        }
    }

    private async Task<IReadOnlyList<(EndpointWork Work, BatchResultErrorEntry Error)>> SendAsync(EndpointWork[] batch,
        CancellationToken cancellationToken)
    {
        var pending = batch.Select((work, index) => (Id: index.ToString(System.Globalization.CultureInfo.InvariantCulture), Work: work)).ToList();
        var refused = new List<(EndpointWork, BatchResultErrorEntry)>();
        for (var attempt = 1; attempt <= MaxAttempts && pending.Count > 0; attempt++)
        {
            var response = await sqs.SendMessageBatchAsync(new SendMessageBatchRequest
            {
                QueueUrl = queueUrl,
                Entries = pending.Select(entry => new SendMessageBatchRequestEntry { Id = entry.Id, MessageBody = WorkMessages.Serialize(entry.Work) }).ToList(),
            }, cancellationToken);

            var failed = (response.Failed ?? []).ToDictionary(error => error.Id, StringComparer.Ordinal);
            var last = attempt == MaxAttempts;
            refused.AddRange(pending.Where(entry => failed.TryGetValue(entry.Id, out var error) && (error.SenderFault == true || last))
                .Select(entry => (entry.Work, failed[entry.Id])));
            pending = pending.Where(entry => failed.TryGetValue(entry.Id, out var error) && error.SenderFault != true).ToList();
        }

        return refused;
    }
}
