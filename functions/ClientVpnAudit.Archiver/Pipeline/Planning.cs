using Amazon.EC2;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Work;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>What the planning of every target found: the endpoints listed, and why it failed outside any one endpoint.</summary>
internal sealed record PlanningOutcome(IReadOnlyList<string> Listed, int EndpointPages, int Queued, string? Error);

/// <summary>
/// The planning of a run: a <see cref="Planner"/> per target, each target's work handed to the queue as soon as it is
/// planned. A target that fails (its role cannot be assumed, its region is not enabled, its work cannot be queued) is
/// reported and the others go on.
/// </summary>
internal sealed class Planning(Func<Target, IAmazonEC2> ec2For, ArchiverOptions options, PollContext context, RunShared shared,
    JsonLog log, CancellationToken cancellationToken)
{
    public async Task<PlanningOutcome> RunAsync(IWorkQueue queue, string runId)
    {
        var targets = options.Targets.Count > 0 ? options.Targets : [options.Target];
        var (listed, errors, pages, queued) = (new List<string>(), new List<string>(), 0, 0);
        foreach (var target in targets)
        {
            var (outcome, work) = await new Planner(ec2For(target), options with { Target = target }, context, shared, log, cancellationToken)
                .PlanAsync(runId);
            listed.AddRange(outcome.Listing.EndpointIds);
            pages += outcome.Listing.Pages;
            var error = outcome.Error;
            try
            {
                await queue.EnqueueAsync(work, shared.Budget.Token);
                queued += work.Count;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var reason = "could not queue its endpoints: " + FailureReasons.Describe(exception);
                log.Error("run failed", ("target", target.ToString()), ("reason", reason));
                error = error is null ? reason : $"{error}; {reason}";
            }

            if (error is not null)
            {
                errors.Add(targets.Count == 1 ? error : $"{target}: {error}");
            }
        }

        return new PlanningOutcome(listed, pages, queued, errors.Count == 0 ? null : string.Join("; ", errors));
    }

    /// <summary>
    /// The run's summary, with the freshness of the endpoints it listed as the endpoint-state table says now: after the
    /// workers in process, after the earlier runs' workers when the work went to SQS.
    /// </summary>
    public async Task<RunSummary> SummarizeAsync(PlanningOutcome outcome, DateTimeOffset startedAt)
    {
        var oldestAge = outcome.Error is null
            ? await ListingFreshness.OldestCompleteListingAgeMinutesAsync(shared.EndpointState, outcome.Listed, context.Clock, shared.Budget.Token)
            : null;
        cancellationToken.ThrowIfCancellationRequested();
        return shared.Summarize(startedAt, context, outcome.Listed.Count, outcome.EndpointPages, outcome.Error) with
        {
            OldestCompleteListingAgeMinutes = oldestAge,
            EndpointsQueued = outcome.Queued,
        };
    }
}
