using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.SQS;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Hosting;
using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Work;

namespace ClientVpnAudit.Archiver;

/// <summary>
/// The queue-triggered Lambda entry point: a thin adapter that reads the SQS event, archives the endpoint each message
/// names, reports, and answers with a partial batch response, so only the messages that failed are delivered again.
/// </summary>
public sealed class WorkerFunction
{
    /// <summary>The handler string the stack configures; it must match this type and method.</summary>
    public const string Handler = "ClientVpnAudit.Archiver::ClientVpnAudit.Archiver.WorkerFunction::HandleAsync";

    private readonly WorkerPipeline _pipeline;
    private readonly JsonLog _log;
    private readonly FailedWorkRetry? _retry;

    /// <summary>Used by the Lambda runtime: options from the environment; failed work retried through WORK_QUEUE_URL.</summary>
    public WorkerFunction()
        : this(ArchiverOptionsReader.FromEnvironment(), LambdaHost.Log())
    {
    }

    private WorkerFunction(ArchiverOptions options, JsonLog log)
        : this(LambdaHost.TargetClients(options).Ec2, new AmazonDynamoDBClient(), options, log, clock: null,
            options.WorkQueueUrl is { } queueUrl ? new FailedWorkRetry(new AmazonSQSClient(), queueUrl, FailedWorkRetry.DefaultDelay) : null)
    {
    }

    /// <param name="ec2For">The EC2 client of each target.</param>
    /// <param name="clock">Times each listing and decides which work is stale; the system clock when null.</param>
    /// <param name="retry">Brings failed messages back soon; without it they come back after the queue's visibility timeout.</param>
    public WorkerFunction(Func<Target, IAmazonEC2> ec2For, IAmazonDynamoDB dynamoDb, ArchiverOptions options, JsonLog log, TimeProvider? clock = null,
        FailedWorkRetry? retry = null)
    {
        _pipeline = new WorkerPipeline(ec2For, dynamoDb, options, log, new PollContext { Clock = clock ?? TimeProvider.System });
        _log = log;
        _retry = retry;
    }

    /// <returns>The partial batch response: <c>{"batchItemFailures":[{"itemIdentifier":"MESSAGE_ID"}]}</c>.</returns>
    /// <exception cref="InvalidDataException">The input is not an SQS event; the whole batch is delivered again.</exception>
    public async Task<Stream> HandleAsync(Stream input)
    {
        var records = await ReadRecordsAsync(input);
        _log.Info("work received", ("messages", records.Count));
        var result = await _pipeline.RunAsync(records.Select(record => new QueuedWork(record.MessageId!, record.Body)).ToArray());
        RunReport.Write(_log, result.Summary, LambdaHost.FunctionName, ArchiverMetrics.Worker);
        if (_retry is not null && result.FailedMessageIds.Count > 0)
        {
            var failed = records.Where(record => result.FailedMessageIds.Contains(record.MessageId!) && record.ReceiptHandle is not null)
                .Select(record => new FailedDelivery(record.ReceiptHandle!, ReceiveCount(record)))
                .ToArray();
            await _retry.ScheduleAsync(failed, _log, CancellationToken.None);
        }

        var response = new SqsBatchResponse
        {
            BatchItemFailures = result.FailedMessageIds.Select(id => new SqsBatchItemFailure { ItemIdentifier = id }).ToArray(),
        };
        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, response, ArchiverJsonContext.Default.SqsBatchResponse);
        output.Position = 0;
        return output;
    }

    private static int ReceiveCount(SqsRecord record) =>
        int.TryParse(record.Attributes?.GetValueOrDefault("ApproximateReceiveCount"), System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : 1;

    private static async Task<IReadOnlyList<SqsRecord>> ReadRecordsAsync(Stream input)
    {
        SqsEvent? sqsEvent;
        try
        {
            sqsEvent = await JsonSerializer.DeserializeAsync(input, ArchiverJsonContext.Default.SqsEvent);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"the worker's input is not an SQS event: {exception.Message}", exception);
        }

        var records = sqsEvent?.Records ?? throw new InvalidDataException("the worker's input is not an SQS event: it has no Records");
        var unnamed = records.Select((record, index) => (record, index)).FirstOrDefault(pair => pair.record.MessageId is null);
        return unnamed.record is null
            ? records
            : throw new InvalidDataException($"the worker's input is not an SQS event: Records[{unnamed.index}] has no messageId");
    }
}
