using System.Collections.Concurrent;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;

namespace ClientVpnAudit.Cli.Backfill;

/// <summary>
/// Gives every record without EstablishedDay its day: a Scan of the table, one page at a time, and a guarded UpdateItem
/// per record that lacks it, paced and a few in flight. After each page the checkpoint moves on; a run that stops
/// resumes after the last page done, and a record done twice is refused by its condition, so running again is safe.
/// </summary>
internal sealed class BackfillRun(IAmazonDynamoDB dynamoDb, string tableName, BackfillSettings settings, TimeProvider clock)
{
    private const int WritesInFlight = 4;

    /// <param name="checkpoint">Where a stopped run got to (see <see cref="BackfillCheckpoint.Read"/>); null starts at the beginning.</param>
    /// <param name="onPage">Sees the counts after each page (progress).</param>
    public async Task<BackfillCounts> RunAsync(BackfillCheckpoint? checkpoint, Action<BackfillCounts> onPage, CancellationToken cancellationToken)
    {
        var counts = checkpoint?.Counts ?? BackfillCounts.None;
        var startKey = checkpoint is null ? null : Key(checkpoint.LastConnectionId);
        var pacer = new Pacer(settings.WritesPerSecond, clock);
        do
        {
            var page = await dynamoDb.ScanAsync(EstablishedDayBackfill.Page(tableName, settings.PageSize, startKey), cancellationToken);
            counts = await WritePageAsync(page.Items ?? [], counts with { Examined = counts.Examined + (page.ScannedCount ?? 0) },
                pacer, cancellationToken);
            startKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            if (settings.CheckpointPath is { } checkpointPath && startKey is not null)
            {
                await new BackfillCheckpoint(tableName, startKey[SessionTable.PartitionKey].S, counts).WriteAsync(checkpointPath, cancellationToken);
            }

            onPage(counts);
        }
        while (startKey is not null);

        if (settings.CheckpointPath is { } done)
        {
            File.Delete(done);
        }

        return counts;
    }

    private async Task<BackfillCounts> WritePageAsync(List<Dictionary<string, AttributeValue>> items, BackfillCounts counts, Pacer pacer,
        CancellationToken cancellationToken)
    {
        var outcomes = new ConcurrentBag<(string ConnectionId, Outcome Outcome)>();
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = WritesInFlight, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                var connectionId = item[SessionTable.PartitionKey].S;
                var request = EstablishedDayBackfill.Update(tableName, connectionId, item.GetValueOrDefault(SessionAttributes.ConnectionEstablishedTime)?.S);
                outcomes.Add((connectionId, request is null ? Outcome.Unreadable : await WriteAsync(request, pacer, token)));
            });

        var unreadable = outcomes.Where(outcome => outcome.Outcome == Outcome.Unreadable).Select(outcome => outcome.ConnectionId)
            .Order(StringComparer.Ordinal).ToList();
        return counts with
        {
            Set = counts.Set + outcomes.Count(outcome => outcome.Outcome == Outcome.Set),
            AlreadySet = counts.AlreadySet + outcomes.Count(outcome => outcome.Outcome == Outcome.AlreadySet),
            Unreadable = counts.Unreadable + unreadable.Count,
            FirstUnreadable = counts.FirstUnreadable ?? unreadable.FirstOrDefault(),
        };
    }

    private async Task<Outcome> WriteAsync(UpdateItemRequest request, Pacer pacer, CancellationToken cancellationToken)
    {
        await pacer.WaitAsync(cancellationToken);
        try
        {
            await dynamoDb.UpdateItemAsync(request, cancellationToken);
            return Outcome.Set;
        }
        catch (ConditionalCheckFailedException)
        {
            return Outcome.AlreadySet;
        }
    }

    private static Dictionary<string, AttributeValue> Key(string connectionId) =>
        new() { [SessionTable.PartitionKey] = new AttributeValue { S = connectionId } };

    private enum Outcome
    {
        Set,
        AlreadySet,
        Unreadable,
    }
}

/// <summary>How a backfill runs: the checkpoint file (none: no resuming), writes per second, records examined per Scan request.</summary>
internal sealed record BackfillSettings(string? CheckpointPath, int WritesPerSecond, int PageSize);
