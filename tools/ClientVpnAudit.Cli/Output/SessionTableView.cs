using System.Globalization;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Cli.Queries;
using Spectre.Console;

namespace ClientVpnAudit.Cli.Output;

/// <summary>Sessions as a table for people: a readable subset of the record (JSON and CSV carry all of it).</summary>
internal static class SessionTableView
{
    public static void Write(IAnsiConsole console, IReadOnlyList<ArchivedSession> sessions, string title)
    {
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle(Markup.Escape(title)) };
        table.AddColumns("Connection", "Endpoint", "Identity", "Client IP", "Status", "Established", "Ended", "Duration");
        table.AddColumn(new TableColumn("Bytes in").RightAligned());
        table.AddColumn(new TableColumn("Bytes out").RightAligned());
        foreach (var session in sessions)
        {
            table.AddRow(
                Cell(session.ConnectionId),
                Cell(session.EndpointId),
                Cell(session.Identity),
                Cell(ClientAddress(session)),
                Cell(session.Status),
                Cell(session.EstablishedTime),
                Cell(Ended(session)),
                Cell(Duration(session.Number(SessionAttributes.DurationSeconds))),
                Cell(Bytes(session.Number(SessionAttributes.IngressBytes))),
                Cell(Bytes(session.Number(SessionAttributes.EgressBytes))));
        }

        var lost = sessions.Any(session => session.EndTime is null && session.MissingSince is not null);
        table.Caption = new TableTitle(Markup.Escape(
            $"{sessions.Count} session{(sessions.Count == 1 ? "" : "s")}"
            + (lost ? "; \"lost by T\": the end was not observed, the session was no longer listed at T (MissingSince)" : "")
            + "; bytes in = sent by the client (IngressBytes)"));
        console.Write(table);
    }

    private static string Cell(string? text) => Markup.Escape(string.IsNullOrEmpty(text) ? "-" : text);

    private static string? ClientAddress(ArchivedSession session) =>
        string.Join("\n", new[] { session.Text(SessionAttributes.ClientIp), session.Text(SessionAttributes.ClientIpv6Address) }
            .Where(address => !string.IsNullOrEmpty(address)));

    private static string? Ended(ArchivedSession session) =>
        session.EndTime ?? (session.MissingSince is { } missingSince ? $"lost by {missingSince}" : null);

    public static string? Duration(long? seconds)
    {
        if (seconds is not { } total)
        {
            return null;
        }

        var span = TimeSpan.FromSeconds(total);
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:00}m")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds:00}s");
    }

    public static string? Bytes(long? bytes)
    {
        if (bytes is not { } value)
        {
            return null;
        }

        string[] units = ["B", "KB", "MB", "GB", "TB"];
        double scaled = value;
        var unit = 0;
        while (scaled >= 1000 && unit < units.Length - 1)
        {
            scaled /= 1000;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{value} B")
            : string.Create(CultureInfo.InvariantCulture, $"{scaled:0.0} {units[unit]}");
    }
}
