using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace ClientVpnAudit.Cli.Doctor;

/// <summary>
/// With --work-queue, two more lines: the planner's work queue (how much work waits, and that a message that always
/// fails is moved on after maxReceiveCount deliveries), and its dead-letter queue, which must be empty: a message there
/// is an endpoint the workers failed to archive again and again.
/// </summary>
internal static class WorkQueueCheck
{
    public const string Subject = "work queue";
    public const string DeadLetterSubject = "dead-letter queue";

    private const string DeadLetterFix =
        "read them (aws sqs receive-message), fix the cause the workers' log gives for each endpoint, then empty the queue "
        + "(aws sqs purge-queue): the next runs queue every endpoint anew (docs/operations.md, \"Runbook: when an alarm fires\")";

    public static async Task<IReadOnlyList<CheckLine>> RunAsync(IAmazonSQS sqs, string queueUrl, CancellationToken cancellationToken)
    {
        var name = NameOf(queueUrl);
        Dictionary<string, string> attributes;
        try
        {
            attributes = await AttributesAsync(sqs, queueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "RedrivePolicy"],
                cancellationToken);
        }
        catch (QueueDoesNotExistException)
        {
            return [CheckLine.Fail($"{Subject} {name} does not exist", "pass the stack's WorkQueueUrl output to --work-queue"),
                CheckLine.Unknown($"{DeadLetterSubject}: not asked: no work queue")];
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return [ServiceAnswers.Unanswered(exception, $"{Subject} {name}", "GetQueueAttributes", "SQS"),
                CheckLine.Unknown($"{DeadLetterSubject}: not asked: see the work queue's line")];
        }

        var depth = $"{Count(attributes, "ApproximateNumberOfMessages")} waiting, {Count(attributes, "ApproximateNumberOfMessagesNotVisible")} in flight";
        if (!attributes.TryGetValue("RedrivePolicy", out var policy) || ReadRedrivePolicy(policy) is not { } redrive)
        {
            return [CheckLine.Fail($"{Subject} {name} ({depth}) has no redrive policy: a message that always fails would be delivered until it expires",
                "deploy the stack, whose work queue moves such messages to a dead-letter queue"),
                CheckLine.Unknown($"{DeadLetterSubject}: not asked: the work queue names none")];
        }

        var queueLine = CheckLine.Pass($"{Subject} {name}: {depth}; a message failed {redrive.MaxReceiveCount} times moves to {redrive.DeadLetterName}");
        return [queueLine, await DeadLetterLineAsync(sqs, redrive, cancellationToken)];
    }

    private static async Task<CheckLine> DeadLetterLineAsync(IAmazonSQS sqs, RedrivePolicy redrive, CancellationToken cancellationToken)
    {
        var subject = $"{DeadLetterSubject} {redrive.DeadLetterName}";
        try
        {
            var url = (await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = redrive.DeadLetterName, QueueOwnerAWSAccountId = redrive.Account },
                cancellationToken)).QueueUrl;
            var attributes = await AttributesAsync(sqs, url, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"], cancellationToken);
            var messages = Count(attributes, "ApproximateNumberOfMessages") + Count(attributes, "ApproximateNumberOfMessagesNotVisible");
            return messages == 0
                ? CheckLine.Pass($"{subject} is empty")
                : CheckLine.Fail($"{subject} holds {messages} message(s): endpoints the workers failed to archive {redrive.MaxReceiveCount} times", DeadLetterFix);
        }
        catch (QueueDoesNotExistException)
        {
            return CheckLine.Fail($"{subject} does not exist: failed work has nowhere to go", "deploy the stack again");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return ServiceAnswers.Unanswered(exception, subject, "GetQueueAttributes", "SQS");
        }
    }

    private static async Task<Dictionary<string, string>> AttributesAsync(IAmazonSQS sqs, string queueUrl, List<string> names,
        CancellationToken cancellationToken) =>
        (await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = queueUrl, AttributeNames = names }, cancellationToken))
            .Attributes ?? [];

    private static int Count(Dictionary<string, string> attributes, string name) =>
        int.TryParse(attributes.GetValueOrDefault(name), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            ? count
            : 0;

    private static string NameOf(string queueUrl) => queueUrl.TrimEnd('/').Split('/')[^1];

    /// <summary>SQS's RedrivePolicy attribute: <c>{"deadLetterTargetArn":"arn:aws:sqs:REGION:ACCOUNT:NAME","maxReceiveCount":3}</c>.</summary>
    private static RedrivePolicy? ReadRedrivePolicy(string json)
    {
        try
        {
            var root = JsonDocument.Parse(json).RootElement;
            var arn = root.GetProperty("deadLetterTargetArn").GetString()?.Split(':');
            var maxReceiveCount = root.GetProperty("maxReceiveCount");
            return arn is { Length: 6 }
                ? new RedrivePolicy(arn[5], arn[4], maxReceiveCount.ValueKind == JsonValueKind.String ? maxReceiveCount.GetString()! : maxReceiveCount.GetRawText())
                : null;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private sealed record RedrivePolicy(string DeadLetterName, string Account, string MaxReceiveCount);
}
