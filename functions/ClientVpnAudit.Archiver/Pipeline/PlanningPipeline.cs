using Amazon.DynamoDBv2;
using Amazon.EC2;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Work;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>
/// The planner's run on its own (the scheduled function in AWS): every target's endpoints listed, the sessions of gone
/// endpoints closed, one piece of work per endpoint sent to <paramref name="queue"/>. Its freshness metric reads the
/// endpoint states the workers of earlier runs recorded.
/// </summary>
public sealed class PlanningPipeline(Func<Target, IAmazonEC2> ec2For, IAmazonDynamoDB dynamoDb, ArchiverOptions options, IWorkQueue queue,
    JsonLog log, PollContext? context = null)
{
    private readonly PollContext _context = context ?? PollContext.Live;

    /// <param name="runId">Names this run in every piece of work; a new one when null.</param>
    public async Task<RunSummary> RunAsync(string? runId = null, CancellationToken cancellationToken = default)
    {
        var startedAt = (_context.Clock ?? TimeProvider.System).GetUtcNow();
        using var budget = new RunBudget(options.TimeBudget, cancellationToken);
        var shared = RunShared.Create(dynamoDb, options, budget);
        var planning = new Planning(ec2For, options, _context, shared, log, cancellationToken);
        var outcome = await planning.RunAsync(queue, runId ?? RunIds.New());
        return await planning.SummarizeAsync(outcome, startedAt);
    }
}
