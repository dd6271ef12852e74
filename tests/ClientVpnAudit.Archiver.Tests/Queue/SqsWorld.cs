using System.Collections.Concurrent;
using Amazon.EC2;
using Amazon.SQS;
using Amazon.SQS.Model;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Tests.Integration;
using ClientVpnAudit.Archiver.Work;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Archiver.Tests.Queue;

/// <summary>
/// One test's deployment in miniature: the emulator, the tables, a work queue (moto_server) whose redrive policy moves a
/// message to its dead-letter queue after <see cref="MaxReceiveCount"/> deliveries, the planner that fills it, and the
/// event source that hands it to workers, which bring a failed message back after <see cref="RetryDelay"/> times its
/// deliveries, long before the queue's own visibility timeout. Each target has its own EC2 client, as the emulator tells
/// them apart.
/// </summary>
internal sealed class SqsWorld : IAsyncDisposable
{
    public const int MaxReceiveCount = 2;
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>Much longer than any retry: a message that comes back within a test came back through the worker's retry.</summary>
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(60);
    public static readonly Target Account = new("123456789012", "us-east-1");

    private readonly Func<ArchiverOptions, ArchiverOptions> _adjust;
    private readonly ConcurrentDictionary<Target, IAmazonEC2> _ec2 = new();

    private SqsWorld(ArchiverHarness harness, IAmazonSQS sqs, string queueUrl, string deadLetterQueueUrl, Func<ArchiverOptions, ArchiverOptions>? adjust)
    {
        Harness = harness;
        Sqs = sqs;
        DeadLetterQueueUrl = deadLetterQueueUrl;
        QueueUrl = queueUrl;
        _adjust = adjust ?? (options => options with { Target = Account });
        Source = new SqsEventSource(sqs, queueUrl,
            () => new WorkerFunction(Ec2For, harness.DynamoDb, harness.Options(_adjust), new JsonLog(harness.Log), harness.Clock,
                new FailedWorkRetry(sqs, queueUrl, RetryDelay)));
    }

    public ArchiverHarness Harness { get; }

    public IAmazonSQS Sqs { get; }

    public string QueueUrl { get; }

    public string DeadLetterQueueUrl { get; }

    public SqsEventSource Source { get; }

    /// <param name="adjust">The deployment's settings, for the planner and the workers alike (default: one target, <see cref="Account"/>).</param>
    public static async Task<SqsWorld> StartAsync(DynaliteFixture dynalite, MotoServer moto, Emulator.Snapshot snapshot,
        Func<ArchiverOptions, ArchiverOptions>? adjust = null)
    {
        var harness = await ArchiverHarness.StartAsync(dynalite, snapshot);
        await harness.WithEndpointTableAsync(dynalite);
        var sqs = AwsClients.Sqs(moto.Url);
        var name = "work-" + Guid.NewGuid().ToString("N")[..12];
        var deadLetters = (await sqs.CreateQueueAsync(name + "-dlq")).QueueUrl;
        var deadLetterArn = (await sqs.GetQueueAttributesAsync(deadLetters, ["QueueArn"])).QueueARN;
        var queue = await sqs.CreateQueueAsync(new CreateQueueRequest
        {
            QueueName = name,
            Attributes = new Dictionary<string, string>
            {
                ["VisibilityTimeout"] = ((int)VisibilityTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["RedrivePolicy"] = $"{{\"deadLetterTargetArn\":\"{deadLetterArn}\",\"maxReceiveCount\":\"{MaxReceiveCount}\"}}",
            },
        });
        return new SqsWorld(harness, sqs, queue.QueueUrl, deadLetters, adjust);
    }

    public async Task<RunSummary> PlanAsync()
    {
        var planner = new PlannerFunction(Ec2For, Harness.DynamoDb, Harness.Options(_adjust), new SqsWorkQueue(Sqs, QueueUrl), new JsonLog(Harness.Log),
            Harness.Clock);
        try
        {
            await using var output = await planner.HandleAsync(new MemoryStream("{}"u8.ToArray()));
            return System.Text.Json.JsonSerializer.Deserialize<RunSummary>(output)!;
        }
        catch (ArchiverRunFailedException failed)
        {
            return failed.Summary;
        }
    }

    /// <summary>Polls until the queue is empty (at most <paramref name="polls"/> times); returns every message id reported failed.</summary>
    public async Task<IReadOnlyList<string>> DrainAsync(int polls = 5)
    {
        var failed = new List<string>();
        for (var poll = 0; poll < polls && await Source.DepthAsync() > 0; poll++)
        {
            failed.AddRange((await Source.PollOnceAsync()).Failed);
        }

        return failed;
    }

    /// <summary>
    /// Polls until a failed message is back (real time: moto keeps its visibility) or the queue is empty (a receive moved
    /// it to the dead-letter queue), for at most ten seconds.
    /// </summary>
    public async Task<(IReadOnlyList<Message> Received, IReadOnlyList<string> Failed)> ReceiveRetriedAsync()
    {
        for (var attempt = 0; attempt < 40 && await Source.DepthAsync() > 0; attempt++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            var poll = await Source.PollOnceAsync();
            if (poll.Received.Count > 0)
            {
                return poll;
            }
        }

        return ([], []);
    }

    /// <summary>The one emulator serves one target when the snapshot has one, each target to its own account and region otherwise.</summary>
    private IAmazonEC2 Ec2For(Target target) =>
        target == Account ? Harness.Ec2 : _ec2.GetOrAdd(target, key => AwsClients.Ec2(Harness.Emulator.Url, key));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _ec2.Values)
        {
            client.Dispose();
        }

        Sqs.Dispose();
        await Harness.DisposeAsync();
    }
}
