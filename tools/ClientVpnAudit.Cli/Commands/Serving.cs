namespace ClientVpnAudit.Cli.Commands;

/// <summary>The commands that serve something (emulator, dynamodb) run until Ctrl-C, which ends them normally.</summary>
internal static class Serving
{
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
