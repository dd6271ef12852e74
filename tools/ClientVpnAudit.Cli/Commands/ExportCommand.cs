using System.CommandLine;
using ClientVpnAudit.Cli.Output;
using ClientVpnAudit.Cli.Queries;
using ClientVpnAudit.Cli.Store;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>`export`: write the selected sessions to a JSON or CSV file for auditors, atomically.</summary>
internal static class ExportCommand
{
    public static Command Create(CliOutput io)
    {
        var filters = new SessionFilterOptions();
        var store = new StoreOptions();
        var format = OutputFormatOption.Create("--format", [SessionFormat.Json, SessionFormat.Csv], fallback: null, "File format");
        var file = new Option<string>("--out")
        {
            Description = "The file to write; replaced as a whole (written to a temporary file in the same folder, then renamed)",
            HelpName = "file",
            Required = true,
        };

        var command = new Command("export", QueryPlanHelp.Describe(
            "Write the archived sessions to a JSON or CSV file for auditors, with the filters of `sessions`"));
        command.Options.Add(format);
        command.Options.Add(file);
        filters.AddTo(command);
        store.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var filter = filters.Read(parsed);
            var selection = store.Read(parsed);
            var path = parsed.GetValue(file)!;
            AtomicFile.CheckTarget(path);
            var chosen = parsed.GetValue(format) ?? throw new CliInputException("export needs --format json or csv");
            await using var opened = await StoreOpener.OpenAsync(selection, createTable: false, io, cancellationToken);
            var sessions = await new ArchiveReader(opened.DynamoDb, opened.TableName).ReadAsync(filter, cancellationToken);
            await AtomicFile.WriteAsync(path, writer => chosen == SessionFormat.Csv
                ? SessionCsvWriter.WriteAsync(sessions, writer, cancellationToken)
                : SessionJsonWriter.WriteAsync(sessions, writer, cancellationToken), cancellationToken);
            await io.Out.WriteLineAsync(
                $"Wrote {sessions.Count} session{(sessions.Count == 1 ? "" : "s")} to {Path.GetFullPath(path)} ({OutputFormatOption.Name(chosen)})");
            return ExitCodes.Success;
        });
        return command;
    }
}
