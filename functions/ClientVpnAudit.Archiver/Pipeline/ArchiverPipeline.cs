using Amazon.DynamoDBv2;
using Amazon.EC2;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Work;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>
/// A whole run in one process (the CLI's run and replay, the tests, the benchmark's single invocation): the planning of
/// every target fills a bounded in-process queue that <see cref="ArchiverOptions.MaxConcurrency"/> workers drain, the
/// same planner and worker that run as two Lambda functions around an SQS queue in AWS.
/// </summary>
/// <param name="ec2For">The EC2 client of a target (another account's through its member role).</param>
public sealed class ArchiverPipeline(Func<Target, IAmazonEC2> ec2For, IAmazonDynamoDB dynamoDb, ArchiverOptions options, JsonLog log,
    PollContext? context = null)
{
    private readonly PollContext _context = context ?? PollContext.Live;

    /// <summary>One EC2 client for every target: a local emulator, or a single-target deployment.</summary>
    public ArchiverPipeline(IAmazonEC2 ec2, IAmazonDynamoDB dynamoDb, ArchiverOptions options, JsonLog log, PollContext? context = null)
        : this(_ => ec2, dynamoDb, options, log, context)
    {
    }

    public async Task<RunSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var startedAt = (_context.Clock ?? TimeProvider.System).GetUtcNow();
        using var budget = new RunBudget(options.TimeBudget, cancellationToken);
        var shared = RunShared.Create(dynamoDb, options, budget);
        var worker = new EndpointWorker(ec2For, options, _context, shared, log, cancellationToken);
        var queue = new InProcessWorkQueue(options.MaxConcurrency, worker.ArchiveAsync);
        var planning = new Planning(ec2For, options, _context, shared, log, cancellationToken);
        PlanningOutcome outcome;
        try
        {
            outcome = await planning.RunAsync(queue, RunIds.New());
        }
        finally
        {
            await queue.DrainAsync();
        }

        // After the workers: this run's own listings count.
        return await planning.SummarizeAsync(outcome, startedAt);
    }
}
