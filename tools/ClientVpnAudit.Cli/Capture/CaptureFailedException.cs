namespace ClientVpnAudit.Cli.Capture;

/// <summary>EC2 failed during a capture (an error answer, a repeated NextToken, a lost connection). The message is one
/// line that names the request and the endpoint; nothing was written.</summary>
internal sealed class CaptureFailedException(string message, Exception innerException) : Exception(message, innerException);
