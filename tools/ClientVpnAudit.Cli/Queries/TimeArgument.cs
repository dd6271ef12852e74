using System.Text.RegularExpressions;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Cli.Queries;

/// <summary>
/// Reads --since / --until: ISO-8601, a date alone meaning midnight UTC and a time without zone meaning UTC. The shape
/// is checked here; the parsing itself is the archive's (<see cref="AuditTime"/>).
/// </summary>
internal static partial class TimeArgument
{
    public const string Examples = "2026-03-02, 2026-03-02T09:30, 2026-03-02T09:30:00Z or 2026-03-02T10:30:00+01:00";

    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        if (text is null || !IsoShape().IsMatch(text.Trim()) || AuditTime.ParseStored(text.Trim()) is not { } parsed)
        {
            return false;
        }

        time = parsed;
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$")]
    private static partial Regex IsoShape();
}
