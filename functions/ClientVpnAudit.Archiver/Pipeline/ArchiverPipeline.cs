using Amazon.DynamoDBv2;
using Amazon.EC2;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>
/// One archiver run, knowing nothing about Lambda: for each target (account and region) a <see cref="Planner"/> lists
/// its endpoints and closes the sessions of those that are gone; then <see cref="EndpointWorker"/>s archive the planned
/// endpoints a few at once; then the run reports. A target that fails (its role cannot be assumed, its region is not
/// enabled) is reported and the others go on. The Lambda handler, the CLI and the tests all run exactly this.
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
        var usage = new DynamoDbUsage();
        var shared = new RunShared(budget, usage, new RunTally(), new SessionStore(dynamoDb, options.TableName, usage),
            options.EndpointTableName is { } endpointTable ? new EndpointStateStore(dynamoDb, endpointTable, usage) : null);

        var targets = options.Targets.Count > 0 ? options.Targets : [options.Target];
        var outcomes = new List<(Target Target, TargetOutcome Outcome)>();
        var work = new List<EndpointWork>();
        foreach (var target in targets)
        {
            var (outcome, planned) = await new Planner(ec2For(target), options with { Target = target }, _context, shared, log, cancellationToken)
                .PlanAsync();
            outcomes.Add((target, outcome));
            work.AddRange(planned);
        }

        // The planned endpoints of every target, a few at once: the in-process stand-in for a queue of workers.
        var worker = new EndpointWorker(options, _context, shared, log, cancellationToken);
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency },
            async (item, _) => await worker.ArchiveAsync(item, ec2For(item.Target)));

        var errors = outcomes.Where(run => run.Outcome.Error is not null)
            .Select(run => targets.Count == 1 ? run.Outcome.Error! : $"{run.Target}: {run.Outcome.Error}")
            .ToList();
        var polled = outcomes.SelectMany(run => run.Outcome.Listing.EndpointIds).ToList();
        double? oldestAge = null;
        if (shared.EndpointState is { } endpointState && _context.Clock is { } clock && errors.Count == 0)
        {
            oldestAge = await OldestCompleteListingAgeMinutesAsync(endpointState, polled, clock, budget);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var failures = shared.Failures.OrderBy(failure => failure.EndpointId, StringComparer.Ordinal).ToArray();
        return Summarize(startedAt, shared, polled.Count, outcomes.Sum(run => run.Outcome.Listing.Pages), failures,
            errors.Count == 0 ? null : string.Join("; ", errors)) with
        { OldestCompleteListingAgeMinutes = oldestAge };
    }

    /// <summary>
    /// How long ago the least recently completed of the polled endpoints was last listed completely (never completed:
    /// since its first attempt), on the poll's clock. The freshness alarm watches it.
    /// </summary>
    private static async Task<double?> OldestCompleteListingAgeMinutesAsync(EndpointStateStore endpointState, IReadOnlyList<string> polled,
        TimeProvider clock, RunBudget budget)
    {
        if (polled.Count == 0)
        {
            return null;
        }

        var states = await endpointState.ReadAsync(polled, budget.Token);
        var now = clock.GetUtcNow();
        var oldest = polled
            .Select(endpointId => states.GetValueOrDefault(endpointId) is { } state ? AuditTime.ParseStored(EndpointFreshness.Since(state)) : null)
            .Select(completed => completed is { } at ? (now - at).TotalMinutes : 0)
            .Max();
        return Math.Round(Math.Max(0, oldest), 1);
    }

    private RunSummary Summarize(DateTimeOffset startedAt, RunShared shared, int endpointsPolled, int endpointPages,
        IReadOnlyList<EndpointFailure> failures, string? error) => new()
        {
            StartedAt = AuditTime.Format(startedAt),
            Succeeded = error is null && failures.Count == 0,
            Error = error,
            NothingMarkedLostBecause = _context.Clock is null ? _context.NoClockReason ?? "the poll's time is unknown" : null,
            EndpointsPolled = endpointsPolled,
            EndpointsFailed = failures.Count,
            Failures = failures,
            EndpointPages = endpointPages,
            Pages = shared.Tally.Pages,
            ConnectionsSeen = shared.Tally.ConnectionsSeen,
            SessionsInserted = shared.Tally.Inserted,
            SessionsUpdated = shared.Tally.Updated,
            SessionsUnchanged = shared.Tally.Unchanged,
            SessionsStale = shared.Tally.Stale,
            SessionsMarkedLost = shared.Tally.MarkedLost,
            MalformedConnections = shared.Tally.Malformed,
            Warnings = shared.Tally.Warnings,
            DynamoDbRequests = shared.Usage.Requests,
            ReadCapacityUnits = shared.Usage.ReadUnits,
            WriteCapacityUnits = shared.Usage.WriteUnits,
            DurationMilliseconds = (long)shared.Budget.Elapsed.TotalMilliseconds,
        };
}
