namespace ClientVpnAudit.Cli;

/// <summary>Bad input the user can fix. The message is one line that names the culprit; the exit code is 2.</summary>
public sealed class CliInputException(string message, Exception? innerException = null) : Exception(message, innerException);
