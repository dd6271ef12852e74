using Amazon.EC2;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Ec2;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>One endpoint to archive: the unit a planner hands to a worker.</summary>
/// <param name="Status">What discovery said of the endpoint (recorded with its state); null for a configured endpoint.</param>
internal sealed record EndpointWork(Target Target, string EndpointId, string? Status);

/// <summary>
/// The working half of a run: archive one endpoint (every page, the upserts, its lost sessions), then record the
/// attempt in the endpoint-state table, if any. A failure is reported with the endpoint; it never stops another.
/// </summary>
internal sealed class EndpointWorker(ArchiverOptions options, PollContext context, RunShared shared, JsonLog log,
    CancellationToken cancellationToken)
{
    public async Task ArchiveAsync(EndpointWork work, IAmazonEC2 ec2)
    {
        try
        {
            if (!shared.Budget.MayStartWork())
            {
                throw new TimeBudgetExceededException($"time budget reached before {work.EndpointId} was polled");
            }

            await ArchiveAndRecordAsync(work, ec2);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var failure = new EndpointFailure(work.EndpointId, FailureReasons.Describe(exception));
            shared.Failures.Add(failure);
            log.Error("endpoint failed", ("endpointId", failure.EndpointId), ("reason", failure.Reason));
        }
    }

    private async Task ArchiveAndRecordAsync(EndpointWork work, IAmazonEC2 ec2)
    {
        var targetOptions = options with { Target = work.Target };
        var archiver = new EndpointArchiver(ec2, shared.Store, targetOptions, shared.Budget, shared.Tally, log);
        var attemptedAt = context.ListingTime();
        string? reason = null;
        var listed = 0;
        try
        {
            listed = await archiver.ArchiveAsync(work.EndpointId, attemptedAt);
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
                await endpointState.RecordAsync(new EndpointAttempt(work.EndpointId, work.Target, work.Status,
                    attemptedAt, Complete: reason is null, listed, reason), shared.Budget.Token);
            }
        }
    }
}
