using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace ClientVpnAudit.Bench.Polls;

/// <summary>Runs one poll in a child process of this same executable and reads back its <see cref="PollResult"/>.</summary>
internal static class ChildPoll
{
    public static async Task<PollResult> RunAsync(string poller, PollArguments arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable runs the bench");
        start.FileName = self;
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }

        start.ArgumentList.Add(poller);
        foreach (var argument in arguments.ToArgs())
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {self}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
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
            throw new InvalidOperationException($"{poller} exited with {process.ExitCode}: {Tail(errors)}");
        }

        var result = JsonSerializer.Deserialize<PollResult>(line, PollResult.Json)
            ?? throw new InvalidOperationException($"{poller} printed no result");
        return result.Succeeded || result.Error is not null ? result : result with { Error = Tail(errors) };
    }

    private static string Tail(string text) => text.Length <= 2000 ? text.Trim() : "..." + text[^2000..].Trim();
}
