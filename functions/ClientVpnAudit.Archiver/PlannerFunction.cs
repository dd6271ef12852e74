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
/// The scheduled Lambda entry point: a thin adapter that reads the scheduled event, runs the planner (one SQS message per
/// endpoint) and reports. Its input and output are streams, so the managed runtime needs no serializer and this assembly
/// no Amazon.Lambda.* package.
/// </summary>
public sealed class PlannerFunction
{
    /// <summary>The handler string the stack configures; it must match this type and method.</summary>
    public const string Handler = "ClientVpnAudit.Archiver::ClientVpnAudit.Archiver.PlannerFunction::HandleAsync";

    private readonly PlanningPipeline _pipeline;
    private readonly JsonLog _log;

    /// <summary>Used by the Lambda runtime: options from the environment, the work queue from WORK_QUEUE_URL.</summary>
    public PlannerFunction()
        : this(ArchiverOptionsReader.FromEnvironment(), LambdaHost.Log())
    {
    }

    private PlannerFunction(ArchiverOptions options, JsonLog log)
        : this(LambdaHost.TargetClients(options).Ec2, new AmazonDynamoDBClient(), options,
            new SqsWorkQueue(new AmazonSQSClient(), options.WorkQueueUrl
                ?? throw new ArchiverConfigurationException(ArchiverSettingNames.WorkQueueUrl, "the URL of the SQS work queue", value: null)),
            log)
    {
    }

    /// <param name="ec2For">The EC2 client of each target.</param>
    /// <param name="clock">Times each listing and each piece of work; the system clock when null.</param>
    public PlannerFunction(Func<Target, IAmazonEC2> ec2For, IAmazonDynamoDB dynamoDb, ArchiverOptions options, IWorkQueue queue, JsonLog log,
        TimeProvider? clock = null)
    {
        _pipeline = new PlanningPipeline(ec2For, dynamoDb, options, queue, log, new PollContext { Clock = clock ?? TimeProvider.System });
        _log = log;
    }

    /// <returns>The run summary as JSON.</returns>
    /// <exception cref="ArchiverRunFailedException">A target could not be planned; thrown after every target was tried and the summary was reported, so the function's Errors metric sees it.</exception>
    public async Task<Stream> HandleAsync(Stream input)
    {
        var scheduled = ReadEvent(input);
        var summary = await _pipeline.RunAsync(scheduled?.Id);
        RunReport.Write(_log, summary, LambdaHost.FunctionName, ArchiverMetrics.Planner);
        if (!summary.Succeeded)
        {
            throw new ArchiverRunFailedException(summary);
        }

        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, summary, ArchiverJsonContext.Default.RunSummary);
        output.Position = 0;
        return output;
    }

    /// <summary>A schedule carries no data the run needs but its id: an unreadable event is logged and the run still happens.</summary>
    private ScheduledEvent? ReadEvent(Stream input)
    {
        try
        {
            var scheduled = JsonSerializer.Deserialize(input, ArchiverJsonContext.Default.ScheduledEvent);
            _log.Info("run started", ("eventId", scheduled?.Id), ("eventTime", scheduled?.Time), ("source", scheduled?.Source));
            return scheduled;
        }
        catch (JsonException exception)
        {
            _log.Warn("event is not a readable scheduled event; running anyway", ("error", exception.Message));
            return null;
        }
    }
}
