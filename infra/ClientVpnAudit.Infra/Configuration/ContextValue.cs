using System.Globalization;

namespace ClientVpnAudit.Infra.Configuration;

/// <summary>
/// Reads one raw context value. Values from `-c key=value` arrive as strings, values from cdk.json as JSON numbers
/// (doubles) or strings, so both forms are accepted. Absent, null or blank means "not set".
/// </summary>
public static class ContextValue
{
    public static bool IsSet(object? raw) => raw is not null && !(raw is string text && string.IsNullOrWhiteSpace(text));

    /// <summary>A whole number within [minimum, maximum], or null when not set.</summary>
    public static int? WholeNumber(string key, object? raw, int minimum, int maximum)
    {
        if (!IsSet(raw))
        {
            return null;
        }

        var expectation = $"expected a whole number from {minimum} to {maximum}";
        long? number = raw switch
        {
            string text when long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) => parsed,
            int value => value,
            long value => value,
            double value when double.IsFinite(value) && Math.Floor(value) == value && Math.Abs(value) < long.MaxValue => (long)value,
            decimal value when decimal.Truncate(value) == value => (long)value,
            _ => null,
        };
        if (number is null || number < minimum || number > maximum)
        {
            throw new InvalidContextException(key, raw, expectation);
        }

        return (int)number;
    }

    /// <summary>
    /// A value as the archiver reads it from its environment: a string as given, a number in invariant digits (a JSON
    /// number from cdk.json arrives as a double: 15.0 reads "15", 1.5 reads "1.5" and is refused by the setting's reader).
    /// </summary>
    public static string SettingText(string key, object? raw) => raw switch
    {
        string text => text,
        IFormattable number and (int or long or double or decimal) => number.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new InvalidContextException(key, raw, "expected a string or a number"),
    };

    /// <summary>true or false (a JSON boolean, or the text "true"/"false" from `-c`), or null when not set.</summary>
    public static bool? Flag(string key, object? raw) => raw switch
    {
        _ when !IsSet(raw) => null,
        bool flag => flag,
        string text when bool.TryParse(text.Trim(), out var flag) => flag,
        _ => throw new InvalidContextException(key, raw, "expected true or false"),
    };

    /// <summary>A trimmed string, or null when not set.</summary>
    public static string? Text(string key, object? raw)
    {
        if (!IsSet(raw))
        {
            return null;
        }

        return raw is string text ? text.Trim() : throw new InvalidContextException(key, raw, "expected a string");
    }
}
