using System.Text.Json;
using ClientVpnAudit.Cli.Output;

namespace ClientVpnAudit.Cli.Backfill;

/// <summary>
/// Where a backfill stopped: the last ConnectionId of the last Scan page whose records were all done, and the counts so
/// far, in a small JSON file replaced whole after each page, so a stopped backfill resumes there.
/// </summary>
internal sealed record BackfillCheckpoint(string Table, string LastConnectionId, BackfillCounts Counts)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The checkpoint in <paramref name="path"/>, or null when there is none.</summary>
    /// <exception cref="CliInputException">The file is not a checkpoint, or one of another table.</exception>
    public static BackfillCheckpoint? Read(string path, string table)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        BackfillCheckpoint? checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<BackfillCheckpoint>(File.ReadAllText(path));
        }
        catch (JsonException exception)
        {
            throw new CliInputException($"--checkpoint: {path} is not a backfill checkpoint ({exception.Message}); delete it to start over", exception);
        }

        if (checkpoint is null || string.IsNullOrEmpty(checkpoint.LastConnectionId) || checkpoint.Counts is null)
        {
            throw new CliInputException($"--checkpoint: {path} is not a backfill checkpoint; delete it to start over");
        }

        return checkpoint.Table == table
            ? checkpoint
            : throw new CliInputException($"--checkpoint: {path} is the checkpoint of table {checkpoint.Table}, not {table}");
    }

    public Task WriteAsync(string path, CancellationToken cancellationToken) =>
        AtomicFile.WriteAsync(path, writer => writer.WriteAsync(JsonSerializer.Serialize(this, Json)), cancellationToken);
}

/// <summary>What a backfill has done: records examined (all of them), given EstablishedDay, found already done, skipped.</summary>
internal sealed record BackfillCounts(long Examined, long Set, long AlreadySet, long Unreadable, string? FirstUnreadable)
{
    public static BackfillCounts None { get; } = new(0, 0, 0, 0, null);

    public string Describe() =>
        $"{Examined:N0} records examined, {Set:N0} given EstablishedDay, {AlreadySet:N0} already had it"
        + (Unreadable == 0 ? "" : $", {Unreadable:N0} skipped without a readable ConnectionEstablishedTime (first: {FirstUnreadable})");
}
