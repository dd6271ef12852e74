using Amazon.CDK;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace ClientVpnAudit.Infra.Constructs;

/// <summary>
/// An encrypted, TLS-only queue for what could not be handled: the planner's scheduled event whose run failed every
/// attempt or expired before it could run, or a piece of work that failed every receive (<see cref="WorkQueueConstruct"/>).
/// The next scheduled run does the same work again, so a message here is a signal, not something to replay.
/// </summary>
public sealed class DeadLetterQueueConstruct : Construct
{
    public static readonly Duration Retention = Duration.Days(14);

    public Queue Queue { get; }

    public DeadLetterQueueConstruct(Construct scope, string id) : base(scope, id)
    {
        Queue = new Queue(this, "Queue", new QueueProps
        {
            Encryption = QueueEncryption.SQS_MANAGED,
            RetentionPeriod = Retention,
            EnforceSSL = true,
        });
    }
}
