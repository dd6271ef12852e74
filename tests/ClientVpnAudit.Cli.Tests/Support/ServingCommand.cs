using System.Text.RegularExpressions;

namespace ClientVpnAudit.Cli.Tests.Support;

/// <summary>A serving command (emulator, dynamodb) running in-process until disposed, which stands for Ctrl-C.</summary>
internal sealed partial class ServingCommand : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly TextWriter _syncOutput;
    private readonly Task<int> _running;

    private ServingCommand(string[] args)
    {
        _syncOutput = TextWriter.Synchronized(_output);
        _running = Task.Run(() => CliApp.RunAsync(args, _syncOutput, TextWriter.Synchronized(_error), _stop.Token));
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>What it printed on stdout so far.</summary>
    public string Output
    {
        get
        {
            lock (_syncOutput)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the command and waits until it prints the URL it serves.</summary>
    public static async Task<ServingCommand> StartAsync(params string[] args)
    {
        var command = new ServingCommand(args);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (command._running.IsCompleted)
            {
                throw new InvalidOperationException($"the command ended with {await command._running}: {command._error}");
            }

            if (UrlLine().Match(command.Output) is { Success: true } match)
            {
                command.Url = new Uri(match.Value);
                return command;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException("the command printed no URL within 30 s");
    }

    /// <summary>Stops it as Ctrl-C does and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _running.WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_running.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }

    [GeneratedRegex(@"^http://127\.0\.0\.1:\d+/?$", RegexOptions.Multiline)]
    private static partial Regex UrlLine();
}
