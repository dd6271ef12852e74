using Amazon.EC2;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Ec2;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;
using ClientVpnAudit.Archiver.Work;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>What became of one piece of work.</summary>
internal enum WorkOutcome
{
    Archived,
    Failed,

    /// <summary>Older than the poll interval: a later run has planned the endpoint again, so this one is dropped.</summary>
    DroppedAsStale,
}

/// <summary>
/// The working half of a run: archive one endpoint (every page, the upserts, its lost sessions), then record the
/// attempt in the endpoint-state table, if any. A failure is reported with the endpoint; it never stops another.
/// </summary>
internal sealed class EndpointWorker(Func<Target, IAmazonEC2> ec2For, ArchiverOptions options, PollContext context, RunShared shared,
    JsonLog log, CancellationToken cancellationToken)
{
    public async Task<WorkOutcome> ArchiveAsync(EndpointWork work)
    {
        if (AgeOf(work) is { } age && age > options.PollInterval)
        {
            shared.Tally.AddStaleWorkDropped();
            log.Warn("stale work dropped", ("endpointId", work.ClientVpnEndpointId), ("runId", work.RunId), ("plannedAt", work.PlannedAt),
                ("ageSeconds", Math.Round(age.TotalSeconds)));
            return WorkOutcome.DroppedAsStale;
        }

        try
        {
            if (!shared.Budget.MayStartWork())
            {
                throw new TimeBudgetExceededException($"time budget reached before {work.ClientVpnEndpointId} was polled");
            }

            await ArchiveAndRecordAsync(work);
            return WorkOutcome.Archived;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Fail(work.ClientVpnEndpointId, FailureReasons.Describe(exception));
            return WorkOutcome.Failed;
        }
    }

    /// <summary>Reports work that failed before it reached an endpoint (an unreadable message, say).</summary>
    public void Fail(string subject, string reason)
    {
        var failure = new EndpointFailure(subject, reason);
        shared.Failures.Add(failure);
        log.Error("endpoint failed", ("endpointId", failure.EndpointId), ("reason", failure.Reason));
    }

    private TimeSpan? AgeOf(EndpointWork work) =>
        context.Clock is { } clock && AuditTime.ParseStored(work.PlannedAt) is { } plannedAt ? clock.GetUtcNow() - plannedAt : null;

    private async Task ArchiveAndRecordAsync(EndpointWork work)
    {
        shared.Tally.AddEndpointAttempted();
        var targetOptions = options with { Target = work.Target };
        var archiver = new EndpointArchiver(ec2For(work.Target), shared.Store, targetOptions, shared.Budget, shared.Tally, log);
        var attemptedAt = context.ListingTime();
        string? reason = null;
        var listed = 0;
        try
        {
            listed = await archiver.ArchiveAsync(work.ClientVpnEndpointId, attemptedAt);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            reason = FailureReasons.Describe(exception);
            throw;
        }
        finally
        {
            if (shared.EndpointState is { } endpointState && attemptedAt is not null)
            {
                await endpointState.RecordAsync(new EndpointAttempt(work.ClientVpnEndpointId, work.Target, work.Status,
                    attemptedAt, Complete: reason is null, listed, reason), shared.Budget.Token);
            }
        }
    }
}
