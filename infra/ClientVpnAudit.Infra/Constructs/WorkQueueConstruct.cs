using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace ClientVpnAudit.Infra.Constructs;

/// <summary>
/// The work queue between the planner and the workers: one message per endpoint and run, a dead-letter queue for a
/// message that failed <see cref="MaxReceiveCount"/> times, and the event source mapping that starts the workers.
/// </summary>
public sealed class WorkQueueConstruct : Construct
{
    /// <summary>Receives before a message moves to the dead-letter queue.</summary>
    public const int MaxReceiveCount = 3;

    /// <summary>
    /// One endpoint per worker invocation: each endpoint gets a whole time budget (a 100,000-connection endpoint can
    /// use most of it), a slow endpoint never holds up another's deletion from the queue, and maxWorkers is exactly the
    /// number of endpoints archived at once.
    /// </summary>
    public const int BatchSize = 1;

    /// <summary>Six times the worker's timeout, as AWS advises for an SQS event source (room for its retries when throttled).</summary>
    public static readonly TimeSpan VisibilityTimeout = ArchiverFunctionDefaults.Timeout * 6;

    /// <summary>
    /// Long enough for a message that fails every receive to reach the dead-letter queue rather than expire (each
    /// receive hides it for the visibility timeout). Work older than one schedule interval is dropped by the worker
    /// anyway, so a longer retention costs nothing.
    /// </summary>
    public static readonly TimeSpan Retention = VisibilityTimeout * (MaxReceiveCount + 1);

    /// <summary>What the planner does with the queue (SendMessageBatch is authorized as sqs:SendMessage).</summary>
    public static readonly IReadOnlyList<string> SendActions = ["sqs:SendMessage"];

    /// <summary>
    /// What Lambda's event source mapping does with the queue, as the worker's role, and what the worker itself does:
    /// ChangeMessageVisibility brings a failed message back within the poll interval (FailedWorkRetry).
    /// </summary>
    public static readonly IReadOnlyList<string> ConsumeActions =
        ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"];

    public Queue Queue { get; }

    public Queue DeadLetterQueue { get; }

    public WorkQueueConstruct(Construct scope, string id) : base(scope, id)
    {
        DeadLetterQueue = new DeadLetterQueueConstruct(this, "DeadLetters").Queue;
        Queue = new Queue(this, "Queue", new QueueProps
        {
            Encryption = QueueEncryption.SQS_MANAGED,
            EnforceSSL = true,
            VisibilityTimeout = ArchiverFunctionDefaults.ToDuration(VisibilityTimeout),
            RetentionPeriod = ArchiverFunctionDefaults.ToDuration(Retention),
            DeadLetterQueue = new DeadLetterQueue { Queue = DeadLetterQueue, MaxReceiveCount = MaxReceiveCount },
        });
    }

    public void GrantSend(IGrantable planner) => Queue.Grant(planner, SendActions.ToArray());

    /// <summary>
    /// Starts <paramref name="worker"/> for each message, at most <paramref name="maxWorkers"/> at once; the worker
    /// answers with the messages that failed (ReportBatchItemFailures), so only those are delivered again.
    /// </summary>
    public EventSourceMapping Trigger(IFunction worker, int maxWorkers)
    {
        Queue.Grant(worker, ConsumeActions.ToArray());
        return worker.AddEventSourceMapping("WorkQueue", new EventSourceMappingOptions
        {
            EventSourceArn = Queue.QueueArn,
            BatchSize = BatchSize,
            ReportBatchItemFailures = true,
            MaxConcurrency = maxWorkers,
        });
    }
}
