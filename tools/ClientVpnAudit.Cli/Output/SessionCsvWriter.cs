using System.Globalization;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Cli.Queries;
using CsvHelper;

namespace ClientVpnAudit.Cli.Output;

/// <summary>
/// Sessions as CSV (RFC 4180): a header of the exported attribute names, one row per session, an empty cell where an
/// attribute is absent, PostureComplianceStatuses joined by ";", EndObserved as true/false, times as stored.
/// </summary>
internal static class SessionCsvWriter
{
    public const string ListSeparator = ";";

    public static Task WriteAsync(IEnumerable<ArchivedSession> sessions, TextWriter output, CancellationToken cancellationToken) =>
        WriteRowsAsync(SessionAttributes.Exported, sessions.Select(session => session.Exported), output, cancellationToken);

    /// <summary>Any rows of named values (sessions, endpoint states) the same way, under a header of the names.</summary>
    public static async Task WriteRowsAsync(IReadOnlyList<string> names, IEnumerable<IEnumerable<KeyValuePair<string, object?>>> rows,
        TextWriter output, CancellationToken cancellationToken)
    {
        await using var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var name in names)
        {
            csv.WriteField(name);
        }

        await csv.NextRecordAsync();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (_, value) in row)
            {
                csv.WriteField(Cell(value));
            }

            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }

    public static string Cell(object? value) => value switch
    {
        null => "",
        string text => text,
        bool flag => flag ? "true" : "false",
        IEnumerable<string> list => string.Join(ListSeparator, list),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
