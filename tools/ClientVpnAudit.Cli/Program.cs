using System.Runtime.InteropServices;
using ClientVpnAudit.Cli;

// Ctrl-C and SIGTERM cancel the command, so it can stop the dynalite child and the emulator before exiting.
// A second Ctrl-C is not intercepted: it ends the process at once.
using var cancellation = new CancellationTokenSource();
void Cancel(PosixSignalContext context)
{
    if (!cancellation.IsCancellationRequested)
    {
        context.Cancel = true;
        cancellation.Cancel();
    }
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
return await CliApp.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
