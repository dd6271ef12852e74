namespace ClientVpnAudit.Infra.Configuration;

/// <summary>A context value the app refuses at synth time. The message names the key and the value.</summary>
public sealed class InvalidContextException(string key, object? value, string expectation)
    : ArgumentException($"Context '{key}' is {Describe(value)}: {expectation}")
{
    public string Key { get; } = key;

    private static string Describe(object? value) => value switch
    {
        null => "missing",
        string text => $"\"{text}\"",
        IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => $"{value} ({value.GetType().Name})",
    };
}
