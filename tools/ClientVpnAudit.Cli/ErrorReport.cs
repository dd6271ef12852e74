using Amazon.Runtime;
using ClientVpnAudit.Cli.Capture;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.LocalDynamoDb;

namespace ClientVpnAudit.Cli;

/// <summary>Turns a failure into the one line the user sees and the exit code scripts see.</summary>
internal sealed record ErrorReport(int ExitCode, string Message)
{
    public static ErrorReport For(Exception exception) => exception switch
    {
        CliInputException or SnapshotException or LocalDynamoDbException => new(ExitCodes.BadInput, OneLine(exception.Message)),
        CaptureFailedException => new(ExitCodes.RunFailed, OneLine(exception.Message)),
        AmazonServiceException service => new(ExitCodes.RunFailed, OneLine($"AWS said {service.ErrorCode} ({(int)service.StatusCode}): {service.Message}")),
        _ => new(ExitCodes.RunFailed, OneLine($"{exception.GetType().Name}: {exception.Message}")),
    };

    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
