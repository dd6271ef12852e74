namespace ClientVpnAudit.Archiver.Configuration;

/// <summary>A configuration value is missing or malformed. The message is one line that names the variable.</summary>
public sealed class ArchiverConfigurationException(string message) : Exception(message);
