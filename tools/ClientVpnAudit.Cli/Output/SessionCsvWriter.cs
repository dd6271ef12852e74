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

    public static async Task WriteAsync(IEnumerable<ArchivedSession> sessions, TextWriter output, CancellationToken cancellationToken)
    {
        await using var csv = new CsvWriter(output, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (var name in SessionAttributes.Exported)
        {
            csv.WriteField(name);
        }

        await csv.NextRecordAsync();
        foreach (var session in sessions)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var (_, value) in session.Exported)
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
