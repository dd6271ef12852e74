using System.Diagnostics;
using ClientVpnAudit.Bench.Polls;

namespace ClientVpnAudit.Bench.FanOut;

/// <summary>
/// A worker process started and warmed up ahead of time, waiting for the word to run its measured invocation: the
/// harness can then run the workers on their slots without any process start-up or warm-up among them, as warm Lambda
/// execution environments would.
/// </summary>
internal sealed class GatedWorker : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _errors;

    private GatedWorker(Process process)
    {
        _process = process;
        _errors = process.StandardError.ReadToEndAsync();
    }

    /// <summary>Starts the worker and returns once it has warmed up.</summary>
    public static async Task<GatedWorker> StartAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var worker = new GatedWorker(ChildPoll.Start(FanOutCommand.Worker, arguments, redirectInput: true));
        try
        {
            var line = await worker._process.StandardOutput.ReadLineAsync(cancellationToken);
            if (line != FanOutCommand.Ready)
            {
                await worker._process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException($"{FanOutCommand.Worker} did not warm up (exit {worker._process.ExitCode}): {await worker._errors}");
            }

            return worker;
        }
        catch
        {
            worker.Dispose();
            throw;
        }
    }

    /// <summary>Runs the measured invocation and reads its result.</summary>
    public async Task<PollResult> RunAsync(CancellationToken cancellationToken)
    {
        var output = _process.StandardOutput.ReadToEndAsync(cancellationToken);
        await _process.StandardInput.WriteLineAsync("go".AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        return await ChildPoll.ResultAsync(FanOutCommand.Worker, _process, output, _errors, cancellationToken);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
