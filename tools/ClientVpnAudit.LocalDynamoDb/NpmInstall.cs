using System.Diagnostics;

namespace ClientVpnAudit.LocalDynamoDb;

/// <summary>Runs <c>npm ci</c> in the repository root when dynalite is not installed there yet.</summary>
internal static class NpmInstall
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan LockTimeout = InstallTimeout + TimeSpan.FromSeconds(30);

    public static async Task EnsureDynaliteAsync(string repositoryRoot, Action<string>? progress, CancellationToken cancellationToken)
    {
        if (IsInstalled(repositoryRoot))
        {
            return;
        }

        // Test assemblies run in parallel: on a fresh clone several may get here at once, and concurrent
        // npm ci runs delete each other's node_modules. The lock file lives outside node_modules for that reason.
        using var installLock = await AcquireLockAsync(Path.Combine(repositoryRoot, ".npm-ci.lock"), progress, cancellationToken);
        if (IsInstalled(repositoryRoot))
        {
            return;
        }

        progress?.Invoke("Installing dynalite (npm ci) ...");
        await RunNpmCiAsync(repositoryRoot, cancellationToken);
        if (!IsInstalled(repositoryRoot))
        {
            throw new LocalDynamoDbException($"npm ci succeeded but node_modules/dynalite is still missing in {repositoryRoot}");
        }
    }

    // npm writes node_modules/.package-lock.json at the end of an install, well after dynalite's own files:
    // requiring both keeps a process from starting dynalite from a half-finished install of another.
    private static bool IsInstalled(string root) =>
        File.Exists(Path.Combine(root, "node_modules", "dynalite", "package.json"))
        && File.Exists(Path.Combine(root, "node_modules", ".package-lock.json"));

    private static async Task<FileStream> AcquireLockAsync(string lockPath, Action<string>? progress, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var reported = false;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (waited.Elapsed < LockTimeout)
            {
                if (!reported)
                {
                    progress?.Invoke("Waiting for another npm ci to finish ...");
                    reported = true;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
            catch (IOException exception)
            {
                throw new LocalDynamoDbException(
                    $"Timed out after {LockTimeout.TotalSeconds:0} s waiting for the npm ci lock {lockPath}", exception);
            }
        }
    }

    private static async Task RunNpmCiAsync(string root, CancellationToken cancellationToken)
    {
        var npm = CommandPath.Find("npm")
            ?? throw new LocalDynamoDbException("npm was not found on PATH; it is needed once to install dynalite (npm ci)");
        var start = new ProcessStartInfo(npm)
        {
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new LocalDynamoDbException($"Could not start {npm}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(InstallTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new LocalDynamoDbException($"npm ci in {root} did not finish within {InstallTimeout.TotalSeconds:0} s");
        }

        await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new LocalDynamoDbException(
                $"npm ci failed in {root} (exit code {process.ExitCode}): {Summarize(errors)}");
        }
    }

    private static readonly string[] UninformativePrefixes = ["code ", "syscall ", "errno ", "A complete log of this run"];

    /// <summary>
    /// npm's last stderr line is "A complete log of this run can be found in ...": pick the first "npm error" line
    /// that says what failed, prefixed with npm's error code.
    /// </summary>
    internal static string Summarize(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var errors = lines
            .Where(line => line.StartsWith("npm error", StringComparison.Ordinal) || line.StartsWith("npm ERR!", StringComparison.Ordinal))
            .Select(line => line[(line.StartsWith("npm error", StringComparison.Ordinal) ? "npm error" : "npm ERR!").Length..].Trim())
            .Where(line => line.Length > 0)
            .ToList();
        var code = errors.FirstOrDefault(line => line.StartsWith("code ", StringComparison.Ordinal))?["code ".Length..];
        var message = errors.FirstOrDefault(line => !UninformativePrefixes.Any(prefix => line.StartsWith(prefix, StringComparison.Ordinal)))
            ?? lines.LastOrDefault()
            ?? "nothing on stderr";
        return code is null ? message : $"{code}: {message}";
    }
}
