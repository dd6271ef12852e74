using System.Text.Json;
using Amazon;
using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.SecurityToken;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Targets;

namespace ClientVpnAudit.Archiver;

/// <summary>
/// The Lambda entry point: a thin adapter that reads the scheduled event, runs the pipeline and reports. Its input and
/// output are streams, so the managed runtime needs no serializer and this assembly no Amazon.Lambda.* package.
/// </summary>
public sealed class Function
{
    /// <summary>The handler string the stack configures; it must match this type and method.</summary>
    public const string Handler = "ClientVpnAudit.Archiver::ClientVpnAudit.Archiver.Function::HandleAsync";

    private readonly ArchiverPipeline _pipeline;
    private readonly JsonLog _log;
    private readonly string _functionName;

    /// <summary>
    /// Used by the Lambda runtime: options from the environment; an EC2 client per target (the function's own account
    /// with its own credentials, another through its member role), DynamoDB from the default credential chain and region.
    /// </summary>
    public Function()
        : this(ArchiverOptionsReader.FromEnvironment(), new JsonLog(StandardOutput()))
    {
    }

    private Function(ArchiverOptions options, JsonLog log)
        : this(TargetClientsFor(options).Ec2, new AmazonDynamoDBClient(), options, log)
    {
    }

    /// <param name="clock">Times each listing (MissingSince of the sessions it no longer shows); the system clock when null.</param>
    public Function(IAmazonEC2 ec2, IAmazonDynamoDB dynamoDb, ArchiverOptions options, JsonLog log, TimeProvider? clock = null)
        : this(_ => ec2, dynamoDb, options, log, clock)
    {
    }

    /// <param name="ec2For">The EC2 client of each target.</param>
    /// <param name="clock">Times each listing (MissingSince of the sessions it no longer shows); the system clock when null.</param>
    public Function(Func<Target, IAmazonEC2> ec2For, IAmazonDynamoDB dynamoDb, ArchiverOptions options, JsonLog log, TimeProvider? clock = null)
    {
        _pipeline = new ArchiverPipeline(ec2For, dynamoDb, options, log, new PollContext { Clock = clock ?? TimeProvider.System });
        _log = log;
        _functionName = System.Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") ?? "local";
    }

    /// <returns>The run summary as JSON.</returns>
    /// <exception cref="ArchiverRunFailedException">An endpoint (or the endpoint listing) failed; thrown after every endpoint was tried and the summary was reported, so the function's Errors metric sees it.</exception>
    public async Task<Stream> HandleAsync(Stream input)
    {
        LogEvent(input);
        var summary = await _pipeline.RunAsync();
        RunReport.Write(_log, summary, _functionName);
        if (!summary.Succeeded)
        {
            throw new ArchiverRunFailedException(summary);
        }

        var output = new MemoryStream();
        await JsonSerializer.SerializeAsync(output, summary, ArchiverJsonContext.Default.RunSummary);
        output.Position = 0;
        return output;
    }

    private static TargetClients TargetClientsFor(ArchiverOptions options) =>
        new(options.Target, options.MemberRoleName, new AmazonSecurityTokenServiceClient(), (target, credentials) =>
            credentials is null
                ? new AmazonEC2Client(RegionEndpoint.GetBySystemName(target.Region))
                : new AmazonEC2Client(credentials, RegionEndpoint.GetBySystemName(target.Region)));

    /// <summary>
    /// The process's own stdout, not Console.Out: under the JSON log format the Lambda runtime replaces Console.Out with
    /// a writer that wraps each line in its own JSON envelope, which would hide the EMF metric lines from CloudWatch.
    /// </summary>
    private static TextWriter StandardOutput() => new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };

    /// <summary>A schedule carries no data the run needs: an unreadable event is logged and the run still happens.</summary>
    private void LogEvent(Stream input)
    {
        try
        {
            var scheduled = JsonSerializer.Deserialize(input, ArchiverJsonContext.Default.ScheduledEvent);
            _log.Info("run started", ("eventId", scheduled?.Id), ("eventTime", scheduled?.Time), ("source", scheduled?.Source));
        }
        catch (JsonException exception)
        {
            _log.Warn("event is not a readable scheduled event; running anyway", ("error", exception.Message));
        }
    }
}
