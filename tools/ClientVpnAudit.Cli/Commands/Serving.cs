using ClientVpnAudit.Cli.Output;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>The commands that serve something (emulator, dynamodb) run until Ctrl-C, which ends them normally.</summary>
internal static class Serving
{
    public const string AnyCredentials = "(any credentials work, e.g. AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1)";

    /// <summary>Says what is served where and how to try it with the AWS CLI, then waits for Ctrl-C.</summary>
    public static async Task AnnounceAndWaitAsync(CliOutput io, string what, Uri url, string tryCommand, CancellationToken cancellationToken,
        string credentials = AnyCredentials)
    {
        await io.Out.WriteLineAsync($"Serving {what} at");
        await io.Out.WriteLineAsync(url.ToString());
        await io.Out.WriteLineAsync($"Try: {tryCommand}");
        await io.Out.WriteLineAsync($"     {credentials}");
        await io.Out.WriteLineAsync("Ctrl-C stops it.");
        await io.Out.FlushAsync(cancellationToken);
        await UntilCancelledAsync(cancellationToken);
    }

    public static async Task UntilCancelledAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
