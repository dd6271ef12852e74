using System.CommandLine;
using ClientVpnAudit.Cli.Output;
using ClientVpnAudit.Cli.Queries;
using ClientVpnAudit.Cli.Store;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>`sessions`: query the archive and print the sessions as a table, JSON or CSV.</summary>
internal static class SessionsCommand
{
    public static Command Create(CliOutput io)
    {
        var filters = new SessionFilterOptions();
        var store = new StoreOptions();
        var output = OutputFormatOption.Create("--output", [SessionFormat.Table, SessionFormat.Json, SessionFormat.Csv], SessionFormat.Table,
            "How to print the sessions");
        output.Aliases.Add("-o");

        var command = new Command("sessions", QueryPlanHelp.Describe("Query the archived sessions"));
        filters.AddTo(command);
        command.Options.Add(output);
        store.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var filter = filters.Read(parsed);
            var selection = store.Read(parsed);
            var format = parsed.GetValue(output) ?? SessionFormat.Table;
            await using var opened = await StoreOpener.OpenAsync(selection, createTable: false, io, cancellationToken);
            var sessions = await new ArchiveReader(opened.DynamoDb, opened.TableName).ReadAsync(filter, cancellationToken);
            await PrintAsync(io, sessions, format, $"Sessions in {selection.Describe()}", cancellationToken);
            return ExitCodes.Success;
        });
        return command;
    }

    public static Task PrintAsync(CliOutput io, IReadOnlyList<ArchivedSession> sessions, SessionFormat format, string title,
        CancellationToken cancellationToken)
    {
        switch (format)
        {
            case SessionFormat.Json:
                return SessionJsonWriter.WriteAsync(sessions, io.Out, cancellationToken);
            case SessionFormat.Csv:
                return SessionCsvWriter.WriteAsync(sessions, io.Out, cancellationToken);
            default:
                SessionTableView.Write(io.OutConsole, sessions, title);
                return Task.CompletedTask;
        }
    }
}
