using System.CommandLine;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;
using ClientVpnAudit.Cli.Output;
using ClientVpnAudit.Cli.Queries;
using ClientVpnAudit.Cli.Store;
using Spectre.Console;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>`endpoints`: every endpoint the archiver has attempted, with when it was last listed completely.</summary>
internal static class EndpointsCommand
{
    public static Command Create(CliOutput io)
    {
        var store = new StoreOptions();
        var output = OutputFormatOption.Create("--output", [SessionFormat.Table, SessionFormat.Json, SessionFormat.Csv], SessionFormat.Table,
            "How to print the endpoints");
        output.Aliases.Add("-o");

        var command = new Command("endpoints", "List the endpoint-state table: each endpoint's account, region, status, last attempt, "
            + "last complete listing, last error and connections listed (a Scan of that small table)");
        command.Options.Add(output);
        store.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var selection = store.Read(parsed);
            var table = selection.EndpointTableName
                ?? throw new CliInputException("--aws needs --endpoint-table NAME (the stack's EndpointTableName output)");
            await using var opened = await StoreOpener.OpenAsync(selection, createTable: false, io, cancellationToken);
            var items = await TableReads.ScanAsync(opened.DynamoDb, new ScanRequest { TableName = table }, cancellationToken);
            var rows = items
                .OrderBy(item => item.GetValueOrDefault(EndpointStateTable.AccountId)?.S, StringComparer.Ordinal)
                .ThenBy(item => item.GetValueOrDefault(EndpointStateTable.Region)?.S, StringComparer.Ordinal)
                .ThenBy(item => item[EndpointStateTable.PartitionKey].S, StringComparer.Ordinal)
                .Select(item => EndpointStateTable.Exported
                    .Select(name => KeyValuePair.Create(name, item.TryGetValue(name, out var value) ? ArchivedSession.Read(value) : null))
                    .ToList())
                .ToList();
            switch (parsed.GetValue(output) ?? SessionFormat.Table)
            {
                case SessionFormat.Json:
                    await SessionJsonWriter.WriteRowsAsync(rows, io.Out, cancellationToken);
                    break;
                case SessionFormat.Csv:
                    await SessionCsvWriter.WriteRowsAsync(EndpointStateTable.Exported, rows, io.Out, cancellationToken);
                    break;
                default:
                    WriteTable(io, rows, $"Endpoints in {table}");
                    break;
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteTable(CliOutput io, IReadOnlyList<List<KeyValuePair<string, object?>>> rows, string title)
    {
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle(Markup.Escape(title)) };
        foreach (var name in EndpointStateTable.Exported)
        {
            table.AddColumn(name);
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => Markup.Escape(SessionCsvWriter.Cell(cell.Value) is { Length: > 0 } text ? text : "-")).ToArray());
        }

        io.OutConsole.Write(table);
        io.OutConsole.MarkupLine(Markup.Escape($"{rows.Count} endpoint{(rows.Count == 1 ? "" : "s")}"));
    }
}
