using System.Globalization;

namespace ClientVpnAudit.Archiver.Sessions;

/// <summary>
/// The one place times are parsed and written. AWS sends "yyyy-MM-dd HH:mm:ss" with no zone (UTC); the archive stores
/// "yyyy-MM-ddTHH:mm:ssZ", which sorts chronologically as a string.
/// </summary>
public static class AuditTime
{
    public const string StoredFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public const string DayFormat = "yyyy-MM-dd";

    private static readonly string[] AcceptedFormats =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss'Z'",
    ];

    /// <summary>Parses an AWS time. "-", empty and null mean absent (null); anything else unreadable is also null.</summary>
    public static DateTimeOffset? ParseAws(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim() == "-")
        {
            return null;
        }

        return DateTimeOffset.TryParseExact(value.Trim(), AcceptedFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
    }

    /// <summary>True when AWS says "no value" ("-", empty or absent) rather than sending something unreadable.</summary>
    public static bool IsAbsent(string? value) => string.IsNullOrWhiteSpace(value) || value.Trim() == "-";

    public static string Format(DateTimeOffset time) =>
        time.ToUniversalTime().ToString(StoredFormat, CultureInfo.InvariantCulture);

    /// <summary>The UTC day of a time, as EstablishedDay stores it (yyyy-MM-dd).</summary>
    public static string Day(DateTimeOffset time) =>
        time.ToUniversalTime().ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>The UTC day of a stored time; null when unreadable.</summary>
    public static string? DayOfStored(string? value) => ParseStored(value) is { } time ? Day(time) : null;

    /// <summary>Parses a stored time (or any ISO-8601 time); null when unreadable.</summary>
    public static DateTimeOffset? ParseStored(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
}
