using Amazon.SQS;
using Amazon.SQS.Model;
using ClientVpnAudit.Archiver.Reporting;

namespace ClientVpnAudit.Archiver.Work;

/// <summary>One failed message of a batch: what SQS needs to hide it again, and how often it was delivered.</summary>
public sealed record FailedDelivery(string ReceiptHandle, int ReceiveCount);

/// <summary>
/// Brings a failed message back soon, within the poll interval, instead of after the queue's visibility timeout (six
/// times the worker's timeout, as AWS advises for an event source), by which time it would be stale: delivery n waits n
/// times <see cref="Delay"/>. So a failing endpoint is retried alone, and after maxReceiveCount failures in a row its
/// message reaches the dead-letter queue, whose alarm fires.
/// </summary>
public sealed class FailedWorkRetry(IAmazonSQS sqs, string queueUrl, TimeSpan delay)
{
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromSeconds(20);

    public TimeSpan Delay => delay;

    /// <summary>Never throws: when SQS refuses, the message simply comes back after the queue's visibility timeout.</summary>
    public async Task ScheduleAsync(IReadOnlyList<FailedDelivery> failed, JsonLog log, CancellationToken cancellationToken)
    {
        foreach (var batch in failed.Chunk(SqsWorkQueue.BatchSize))
        {
            try
            {
                var response = await sqs.ChangeMessageVisibilityBatchAsync(new ChangeMessageVisibilityBatchRequest
                {
                    QueueUrl = queueUrl,
                    Entries = batch.Select((delivery, index) => new ChangeMessageVisibilityBatchRequestEntry
                    {
                        Id = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ReceiptHandle = delivery.ReceiptHandle,
                        VisibilityTimeout = (int)(delay.TotalSeconds * Math.Max(1, delivery.ReceiveCount)),
                    }).ToList(),
                }, cancellationToken);
                foreach (var error in response.Failed ?? [])
                {
                    log.Warn("failed work comes back after the queue's visibility timeout", ("code", error.Code), ("reason", error.Message));
                }
            }
            catch (Exception exception) when (exception is AmazonSQSException or HttpRequestException)
            {
                log.Warn("failed work comes back after the queue's visibility timeout", ("reason", exception.Message));
            }
        }
    }
}
