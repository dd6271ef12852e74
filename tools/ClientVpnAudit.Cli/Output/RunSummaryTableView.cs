using ClientVpnAudit.Archiver.Pipeline;
using Spectre.Console;

namespace ClientVpnAudit.Cli.Output;

/// <summary>Archiver run summaries as a table, one row per run (a replayed poll, or the one run of `run`).</summary>
internal static class RunSummaryTableView
{
    public static void Write(IAnsiConsole console, IReadOnlyList<(string Poll, RunSummary Summary)> runs, string title)
    {
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle(Markup.Escape(title)) };
        table.AddColumn("Poll");
        foreach (var heading in new[] { "Inserted", "Updated", "Unchanged", "Stale", "Lost", "Malformed", "Warnings", "Failures" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        foreach (var (poll, summary) in runs)
        {
            table.AddRow(
                Markup.Escape(poll),
                Count(summary.SessionsInserted),
                Count(summary.SessionsUpdated),
                Count(summary.SessionsUnchanged),
                Count(summary.SessionsStale),
                Count(summary.SessionsMarkedLost),
                Count(summary.MalformedConnections),
                Count(summary.Warnings),
                Failures(summary));
        }

        console.Write(table);
        foreach (var (poll, summary) in runs.Where(run => run.Summary.NothingMarkedLostBecause is not null))
        {
            console.MarkupLine($"[yellow]{Markup.Escape($"{poll}: nothing marked lost: {summary.NothingMarkedLostBecause}")}[/]");
        }

        foreach (var (poll, summary) in runs.Where(run => !run.Summary.Succeeded))
        {
            console.MarkupLine($"[red]{Markup.Escape($"{poll}: {FailureText(summary)}")}[/]");
        }
    }

    /// <summary>Why a run failed, on one line: the listing error, or each failed endpoint and its reason.</summary>
    public static string FailureText(RunSummary summary) => summary.Error
        ?? string.Join("; ", summary.Failures.Select(failure => $"{failure.EndpointId}: {failure.Reason}"));

    /// <summary>One progress line for a finished run.</summary>
    public static string ProgressText(RunSummary summary) =>
        $"{summary.SessionsInserted} inserted, {summary.SessionsUpdated} updated, {summary.SessionsUnchanged} unchanged, "
        + $"{summary.SessionsStale} stale, {summary.SessionsMarkedLost} lost"
        + (summary.MalformedConnections > 0 ? $", {summary.MalformedConnections} malformed" : "")
        + (summary.Warnings > 0 ? $", {summary.Warnings} warnings" : "")
        + (summary.NothingMarkedLostBecause is { } why ? $"; nothing marked lost: {why}" : "")
        + (summary.Succeeded ? "" : $"; FAILED: {FailureText(summary)}");

    private static string Count(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Failures(RunSummary summary) => summary switch
    {
        { Error: not null } => "[red]run failed[/]",
        { EndpointsFailed: > 0 } => $"[red]{Count(summary.EndpointsFailed)}[/]",
        _ => "0",
    };
}
