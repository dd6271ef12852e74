using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;
using ClientVpnAudit.Archiver.Tests.Handlers;

namespace ClientVpnAudit.Archiver.Tests.Queue;

/// <summary>
/// What Lambda's SQS event source mapping does, one poll at a time, against a real queue: receive a batch, hand it to
/// the worker as an SQS event, delete the messages its partial batch response does not name. The rest become visible
/// again after the queue's visibility timeout, and the queue's redrive policy moves them on after maxReceiveCount.
/// </summary>
internal sealed class SqsEventSource(IAmazonSQS sqs, string queueUrl, Func<WorkerFunction> worker)
{
    /// <returns>The bodies received and the message ids the worker reported as failed.</returns>
    public async Task<(IReadOnlyList<Message> Received, IReadOnlyList<string> Failed)> PollOnceAsync(int batchSize = 10)
    {
        var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
        {
            QueueUrl = queueUrl,
            MaxNumberOfMessages = batchSize,
            WaitTimeSeconds = 0,
            MessageSystemAttributeNames = ["All"],
        });
        var messages = response.Messages ?? [];
        if (messages.Count == 0)
        {
            return ([], []);
        }

        await using var output = await worker().HandleAsync(Event(messages));
        var failed = SqsEvents.FailedIds(output);
        var done = messages.Where(message => !failed.Contains(message.MessageId)).ToList();
        if (done.Count > 0)
        {
            await sqs.DeleteMessageBatchAsync(queueUrl, done.Select(message =>
                new DeleteMessageBatchRequestEntry(message.MessageId, message.ReceiptHandle)).ToList());
        }

        return (messages, failed);
    }

    /// <summary>Messages in the queue, visible or in flight.</summary>
    public async Task<int> DepthAsync()
    {
        var attributes = await sqs.GetQueueAttributesAsync(queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        return attributes.ApproximateNumberOfMessages + attributes.ApproximateNumberOfMessagesNotVisible;
    }

    private static MemoryStream Event(IEnumerable<Message> messages) =>
        new(System.Text.Encoding.UTF8.GetBytes(new JsonObject
        {
            ["Records"] = new JsonArray(messages.Select(message => (JsonNode)new JsonObject
            {
                ["messageId"] = message.MessageId,
                ["receiptHandle"] = message.ReceiptHandle,
                ["body"] = message.Body,
                ["attributes"] = new JsonObject
                {
                    ["ApproximateReceiveCount"] = message.Attributes?.GetValueOrDefault("ApproximateReceiveCount"),
                },
                ["eventSource"] = "aws:sqs",
            }).ToArray()),
        }.ToJsonString()));
}
