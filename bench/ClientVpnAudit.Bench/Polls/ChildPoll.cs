using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace ClientVpnAudit.Bench.Polls;

/// <summary>Runs one poll in a child process of this same executable and reads back its <see cref="PollResult"/>.</summary>
internal static class ChildPoll
{
    public static Task<PollResult> RunAsync(string poller, PollArguments arguments, CancellationToken cancellationToken) =>
        RunAsync(poller, arguments.ToArgs(), cancellationToken);

    public static async Task<PollResult> RunAsync(string command, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        using var process = Start(command, arguments, redirectInput: false);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        return await ResultAsync(command, process, stdout, stderr, cancellationToken);
    }

    /// <summary>Starts this executable with a hidden subcommand, its output (and optionally its input) redirected.</summary>
    public static Process Start(string command, IEnumerable<string> arguments, bool redirectInput)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable runs the bench");
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        start.ArgumentList.Add(command);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {self}");
    }

    /// <summary>Waits for the child to exit and reads the <see cref="PollResult"/> it printed last.</summary>
    public static async Task<PollResult> ResultAsync(string command, Process process, Task<string> stdout, Task<string> stderr,
        CancellationToken cancellationToken)
    {
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout;
        var errors = await stderr;
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"{command} exited with {process.ExitCode}: {Tail(errors)}");
        }

        var result = JsonSerializer.Deserialize<PollResult>(line, PollResult.Json)
            ?? throw new InvalidOperationException($"{command} printed no result");
        return result.Succeeded || result.Error is not null ? result : result with { Error = Tail(errors) };
    }

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "..." + text[^2000..].Trim();
}
