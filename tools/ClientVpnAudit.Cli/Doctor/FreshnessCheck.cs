using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Ec2;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;

namespace ClientVpnAudit.Cli.Doctor;

/// <summary>
/// Check 4: the archive is fresh. With an endpoint-state table, every live endpoint (not deleted or gone) must have
/// been listed completely within the last 30 minutes: the oldest LastCompleteListingAt says it, one starved endpoint
/// included. Without one, a running archiver rewrites every open session at least every ACTIVE_REFRESH_MINUTES (15 by
/// default), so the newest LastObservedAt among the sessions that have not ended says when it last wrote. They are found
/// in the sparse ActiveByEndpoint index (a Scan of a KEYS_ONLY index: keys only), then read with BatchGetItem; the table
/// itself is never scanned.
/// </summary>
internal static class FreshnessCheck
{
    /// <summary>As the "no successful run" alarm: well inside the 60 minutes after which AWS forgets ended connections.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(30);

    public const string Subject = "archive freshness";

    private const string StaleFix =
        "check that the archiver's schedule runs and its runs succeed (docs/operations.md, \"Runbook: when an alarm fires\")";

    public static async Task<CheckLine> RunAsync(IAmazonDynamoDB dynamoDb, DoctorTarget target, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (target.EndpointTableName is { } endpointTable)
        {
            try
            {
                if (await OldestLiveEndpointAsync(dynamoDb, endpointTable, cancellationToken) is { } oldest)
                {
                    return FromEndpoints(oldest, clock.GetUtcNow());
                }
            }
            catch (ResourceNotFoundException)
            {
                // No endpoint-state table: date the archive by its open sessions.
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                return ServiceAnswers.Unanswered(exception, Subject, $"Scan of {endpointTable}", "DynamoDB");
            }
        }

        return await FromOpenSessionsAsync(dynamoDb, target.TableName, clock, cancellationToken);
    }

    private static CheckLine FromEndpoints((string EndpointId, DateTimeOffset CompletedAt, string? Error) oldest, DateTimeOffset now)
    {
        var (endpointId, completedAt, error) = oldest;
        return now - completedAt < StaleAfter
            ? CheckLine.Pass($"the archive is fresh: every live endpoint was listed completely within {StaleAfter.TotalMinutes:0} minutes; "
                + $"the oldest, {endpointId}, at {AuditTime.Format(completedAt)}, {Age.Between(completedAt, now)} ago")
            : CheckLine.Fail($"the archiver has not listed {endpointId} completely for {Age.Between(completedAt, now)}: its last complete "
                + $"listing was at {AuditTime.Format(completedAt)}" + (error is null ? "" : $"; its last error: {error}"), StaleFix);
    }

    /// <summary>The live endpoint least recently listed completely (never: since its first attempt); null when there is none.</summary>
    private static async Task<(string EndpointId, DateTimeOffset CompletedAt, string? Error)?> OldestLiveEndpointAsync(
        IAmazonDynamoDB dynamoDb, string endpointTable, CancellationToken cancellationToken)
    {
        var states = await TableReads.ScanAsync(dynamoDb, new ScanRequest { TableName = endpointTable }, cancellationToken);
        var live = states
            .Where(state => state.GetValueOrDefault(EndpointStateTable.Status)?.S is not (EndpointDiscovery.DeletedStatus or EndpointStateTable.GoneStatus))
            .Select(state => (
                EndpointId: state[EndpointStateTable.PartitionKey].S,
                CompletedAt: AuditTime.ParseStored(EndpointFreshness.Since(state)),
                Error: state.GetValueOrDefault(EndpointStateTable.LastError)?.S))
            .Where(state => state.CompletedAt is not null)
            .Select(state => (state.EndpointId, CompletedAt: state.CompletedAt!.Value, state.Error))
            .OrderBy(state => state.CompletedAt)
            .ThenBy(state => state.EndpointId, StringComparer.Ordinal)
            .ToList();
        return live.Count == 0 ? null : live[0];
    }

    private static async Task<CheckLine> FromOpenSessionsAsync(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var operation = $"Scan of {SessionTable.ActiveByEndpoint.Name}";
        List<DateTimeOffset> observed;
        try
        {
            var connectionIds = await OpenSessionsAsync(dynamoDb, tableName, cancellationToken);
            operation = "BatchGetItem";
            observed = await LastObservedAtAsync(dynamoDb, tableName, connectionIds, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return ServiceAnswers.Unanswered(exception, Subject, operation, "DynamoDB");
        }

        if (observed.Count == 0)
        {
            return CheckLine.Unknown($"{Subject}: no session that has not ended, so nothing dates the archiver's last write");
        }

        var newest = observed.Max();
        var now = clock.GetUtcNow();
        var sessions = observed.Count == 1 ? "the one open session" : $"the {observed.Count} open sessions";
        return now - newest < StaleAfter
            ? CheckLine.Pass($"the archive is fresh: the newest LastObservedAt of {sessions}, {AuditTime.Format(newest)}, "
                + $"is {Age.Between(newest, now)} old")
            : CheckLine.Fail($"the archiver has not written for {Age.Between(newest, now)}: the newest LastObservedAt of {sessions} "
                + $"is {AuditTime.Format(newest)}", StaleFix);
    }

    /// <summary>The ConnectionIds of the sessions that have not ended: the keys in the sparse index.</summary>
    private static async Task<List<string>> OpenSessionsAsync(IAmazonDynamoDB dynamoDb, string tableName, CancellationToken cancellationToken)
    {
        var keys = await TableReads.ScanAsync(dynamoDb, new ScanRequest
        {
            TableName = tableName,
            IndexName = SessionTable.ActiveByEndpoint.Name,
        }, cancellationToken);
        return keys
            .Select(key => key.GetValueOrDefault(SessionTable.PartitionKey)?.S)
            .OfType<string>()
            .ToList();
    }

    private static async Task<List<DateTimeOffset>> LastObservedAtAsync(IAmazonDynamoDB dynamoDb, string tableName,
        List<string> connectionIds, CancellationToken cancellationToken)
    {
        if (connectionIds.Count == 0)
        {
            return [];
        }

        var items = await TableReads.BatchGetAsync(dynamoDb, tableName, connectionIds, cancellationToken, keys => new KeysAndAttributes
        {
            Keys = keys,
            ProjectionExpression = "#lastObservedAt",
            ExpressionAttributeNames = new Dictionary<string, string> { ["#lastObservedAt"] = SessionAttributes.LastObservedAt },
        });
        return items
            .Select(item => AuditTime.ParseStored(item.GetValueOrDefault(SessionAttributes.LastObservedAt)?.S))
            .OfType<DateTimeOffset>()
            .ToList();
    }
}
