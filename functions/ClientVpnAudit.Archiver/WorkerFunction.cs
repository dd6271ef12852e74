using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.EC2;
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

    /// <summary>Used by the Lambda runtime: options from the environment.</summary>
    public WorkerFunction()
        : this(ArchiverOptionsReader.FromEnvironment(), LambdaHost.Log())
    {
    }

    private WorkerFunction(ArchiverOptions options, JsonLog log)
        : this(LambdaHost.TargetClients(options).Ec2, new AmazonDynamoDBClient(), options, log)
    {
    }

    /// <param name="ec2For">The EC2 client of each target.</param>
    /// <param name="clock">Times each listing and decides which work is stale; the system clock when null.</param>
    public WorkerFunction(Func<Target, IAmazonEC2> ec2For, IAmazonDynamoDB dynamoDb, ArchiverOptions options, JsonLog log, TimeProvider? clock = null)
    {
        _pipeline = new WorkerPipeline(ec2For, dynamoDb, options, log, new PollContext { Clock = clock ?? TimeProvider.System });
        _log = log;
    }

    /// <returns>The partial batch response: <c>{"batchItemFailures":[{"itemIdentifier":"MESSAGE_ID"}]}</c>.</returns>
    /// <exception cref="InvalidDataException">The input is not an SQS event; the whole batch is delivered again.</exception>
    public async Task<Stream> HandleAsync(Stream input)
    {
        var messages = await ReadMessagesAsync(input);
        _log.Info("work received", ("messages", messages.Count));
        var result = await _pipeline.RunAsync(messages);
        RunReport.Write(_log, result.Summary, LambdaHost.FunctionName);

        var response = new SqsBatchResponse
        {
            BatchItemFailures = result.FailedMessageIds.Select(id => new SqsBatchItemFailure { ItemIdentifier = id }).ToArray(),
        };
        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, response, ArchiverJsonContext.Default.SqsBatchResponse);
        output.Position = 0;
        return output;
    }

    private static async Task<IReadOnlyList<QueuedWork>> ReadMessagesAsync(Stream input)
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
        return records.Select((record, index) => new QueuedWork(
            record.MessageId ?? throw new InvalidDataException($"the worker's input is not an SQS event: Records[{index}] has no messageId"),
            record.Body)).ToArray();
    }
}
