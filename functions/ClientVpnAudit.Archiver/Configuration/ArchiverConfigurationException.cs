namespace ClientVpnAudit.Archiver.Configuration;

/// <summary>A configuration value is missing or malformed. The message is one line that names the variable and the value.</summary>
public sealed class ArchiverConfigurationException(string variable, string expectation, string? value)
    : Exception(value is null ? $"{variable} is required ({expectation})" : $"{variable} must be {expectation}, got '{value}'")
{
    /// <summary>The environment variable at fault.</summary>
    public string Variable { get; } = variable;

    /// <summary>What a good value looks like, e.g. "a whole number from 1 to 64".</summary>
    public string Expectation { get; } = expectation;
}
