using System.CommandLine;
using ClientVpnAudit.Cli.Backfill;
using ClientVpnAudit.Cli.Output;
using ClientVpnAudit.Cli.Store;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>`backfill`: give the records written before EstablishedDay existed their day bucket, once, resumably.</summary>
internal static class BackfillCommand
{
    public const int DefaultWritesPerSecond = 100;
    public const int DefaultPageSize = 1000;

    public static Command Create(CliOutput io)
    {
        var store = new StoreOptions();
        var rate = new Option<int>("--rate")
        {
            Description = $"At most this many writes per second (default {DefaultWritesPerSecond}); each costs 1 write unit",
            HelpName = "n",
            DefaultValueFactory = _ => DefaultWritesPerSecond,
        };
        var pageSize = new Option<int>("--page-size")
        {
            Description = $"Records examined per Scan request, and so between checkpoints (default {DefaultPageSize})",
            HelpName = "n",
            DefaultValueFactory = _ => DefaultPageSize,
        };
        var checkpoint = new Option<string?>("--checkpoint")
        {
            Description = "The file that records where the Scan got to, so a stopped backfill resumes there "
                + "(default: backfill-TABLE.json in the current folder; deleted when the backfill completes)",
            HelpName = "file",
        };

        var command = new Command("backfill", "Add EstablishedDay (the UTC day of ConnectionEstablishedTime, the key of the "
            + "ByEstablishedDay index) to every record that lacks it: a Scan of the whole table, and one conditional UpdateItem per "
            + "record that lacks it (never overwriting, so running it again is safe). Resumes from its checkpoint; prints progress");
        command.Options.Add(rate);
        command.Options.Add(pageSize);
        command.Options.Add(checkpoint);
        store.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var selection = store.Read(parsed);
            var settings = new BackfillSettings(
                CheckpointPath(parsed.GetValue(checkpoint), selection.TableName),
                Positive(parsed.GetValue(rate), "--rate"),
                Positive(parsed.GetValue(pageSize), "--page-size"));
            var resumeFrom = BackfillCheckpoint.Read(settings.CheckpointPath!, selection.TableName);
            await using var opened = await StoreOpener.OpenAsync(selection, createTable: false, io, cancellationToken);
            if (resumeFrom is not null)
            {
                io.Notice($"resuming from the checkpoint {settings.CheckpointPath}, after {resumeFrom.Counts.Describe()}");
            }

            var counts = await new BackfillRun(opened.DynamoDb, opened.TableName, settings, TimeProvider.System)
                .RunAsync(resumeFrom, progress => io.Notice($"backfill: {progress.Describe()}"), cancellationToken);
            await io.Out.WriteLineAsync($"Backfilled {selection.Describe()}: {counts.Describe()}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string CheckpointPath(string? given, string table)
    {
        if (given is not null && string.IsNullOrWhiteSpace(given))
        {
            throw new CliInputException("--checkpoint: the file name is empty");
        }

        var path = Path.GetFullPath(given ?? $"backfill-{table}.json");
        if (Directory.Exists(path))
        {
            throw new CliInputException($"--checkpoint: {path} is a folder");
        }

        var folder = Path.GetDirectoryName(path)!;
        return Directory.Exists(folder) ? path : throw new CliInputException($"--checkpoint: folder {folder} does not exist");
    }

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new CliInputException($"{option} must be a positive whole number, got {value}");
}
