using Amazon.CDK;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace ClientVpnAudit.Infra.Constructs;

/// <summary>
/// Where Lambda puts a scheduled event whose run failed every attempt or expired before it could run. A message here
/// means a run was skipped; the next scheduled run does the same work, so it is a signal, not something to replay.
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
