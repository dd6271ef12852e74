using System.Globalization;

namespace ClientVpnAudit.Emulator;

/// <summary>
/// A snapshot's <c>CapturedAt</c>: ISO-8601 UTC to the second, written exactly <c>yyyy-MM-ddTHH:mm:ssZ</c> (the form the
/// archive stores times in). The one place its format is defined.
/// </summary>
public static class CaptureTime
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>An example of the format, for error messages.</summary>
    public const string Example = "2026-03-02T09:15:03Z";

    /// <summary>Reads exactly <see cref="Format"/>: no other zone, no fraction, no surrounding spaces.</summary>
    public static bool TryParse(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    public static string ToText(DateTimeOffset time) => Normalize(time).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The time as a snapshot holds it: in UTC, cut to the whole second.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
    }
}
