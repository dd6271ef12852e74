using System.Diagnostics;

namespace ClientVpnAudit.Cli.Tests.Support;

/// <summary>cvpn-audit as a separate process, where the process matters: its environment, or the wrapper script.</summary>
internal static class CvpnAuditProcess
{
    /// <summary>The built program next to the tests (the project reference copies it here).</summary>
    public static string Program => Path.Combine(AppContext.BaseDirectory, "cvpn-audit.dll");

    public static async Task<CliResult> RunAsync(string fileName, IEnumerable<string> args, string workingDirectory,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish in time; stderr: {await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
