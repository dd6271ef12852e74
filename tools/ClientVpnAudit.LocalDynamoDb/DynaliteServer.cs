using System.Diagnostics;
using System.Globalization;

namespace ClientVpnAudit.LocalDynamoDb;

/// <summary>dynalite (a local DynamoDB on LevelDB) running as a node child process on 127.0.0.1.</summary>
public sealed class DynaliteServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    // dynalite's CLI ignores --port 0, so start it from node and print the port it really got.
    // Errors become one line on stderr; reading stdin to its end makes node exit when the parent dies.
    // dynalite opens its LevelDB folder lazily and would crash on the first request if another process holds it:
    // opening it once beforehand turns that into a start-up error.
    private const string Script = """
        const fail = e => { console.error('dynalite: ' + String((e && e.message) || e).split('\n')[0]); process.exit(1); };
        process.on('uncaughtException', fail);
        process.on('unhandledRejection', fail);
        const [port, path] = process.argv.slice(1);
        (async () => {
          if (path) {
            const { Level } = require(require.resolve('level', { paths: [require('path').dirname(require.resolve('dynalite'))] }));
            const probe = new Level(path);
            try { await probe.open(); } catch (e) { throw new Error(`cannot open ${path}: ${(e.cause && e.cause.message) || e.message}`); }
            await probe.close();
          }
          const server = require('dynalite')({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, path: path || undefined });
          server.listen(Number(port), '127.0.0.1', () => console.log(server.address().port));
        })();
        process.stdin.on('end', () => process.exit(0));
        process.stdin.on('error', () => process.exit(0));
        process.stdin.resume();
        """;

    private readonly Process _process;
    private int _disposed;

    private DynaliteServer(Process process, int port)
    {
        _process = process;
        ProcessId = process.Id;
        Url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>http://127.0.0.1:PORT</summary>
    public Uri Url { get; }

    public int ProcessId { get; }

    public static async Task<DynaliteServer> StartAsync(DynaliteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);

        var node = CommandPath.RequireNode();
        var root = ResolveRoot(options.RepositoryRoot);
        await NpmInstall.EnsureDynaliteAsync(root, options.Progress, cancellationToken);

        string? dataDirectory = null;
        if (options.DataDirectory is not null)
        {
            dataDirectory = Path.GetFullPath(options.DataDirectory);
            Directory.CreateDirectory(dataDirectory);
        }

        var process = StartNode(node, root, options.Port, dataDirectory);
        try
        {
            var stderr = new StderrTail(process.StandardError);
            var port = await ReadPortAsync(process, stderr, cancellationToken);
            // dynalite prints nothing more in normal use; drain stdout anyway so it can never block on a full pipe.
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
            return new DynaliteServer(process, port);
        }
        catch
        {
            await StopAsync(process);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(_process);
        _process.Dispose();
    }

    private static string ResolveRoot(string? configured)
    {
        if (configured is null)
        {
            return RepositoryRoot.Find();
        }

        var root = Path.GetFullPath(configured);
        return RepositoryRoot.IsRoot(root)
            ? root
            : throw new LocalDynamoDbException(
                $"{root} is not the repository root: it needs package-lock.json and a package.json that names dynalite");
    }

    private static Process StartNode(string node, string root, int port, string? dataDirectory)
    {
        var start = new ProcessStartInfo(node)
        {
            // require('dynalite') resolves from the working directory's node_modules.
            WorkingDirectory = root,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-e");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        if (dataDirectory is not null)
        {
            start.ArgumentList.Add(dataDirectory);
        }

        try
        {
            return Process.Start(start) ?? throw new LocalDynamoDbException($"Could not start {node}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LocalDynamoDbException($"Could not start {node} to run dynalite: {e.Message}", e);
        }
    }

    private static async Task<int> ReadPortAsync(Process process, StderrTail stderr, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);

        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await StopAsync(process);
            throw new LocalDynamoDbException(
                $"dynalite did not report its port within {StartTimeout.TotalSeconds:0} s; stderr: {await stderr.TextAsync()}");
        }

        if (line is null)
        {
            await StopAsync(process);
            var exitCode = process.HasExited ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "unknown";
            throw new LocalDynamoDbException($"dynalite exited early (exit code {exitCode}): {await stderr.TextAsync()}");
        }

        if (!int.TryParse(line.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            await StopAsync(process);
            throw new LocalDynamoDbException($"dynalite printed \"{line}\" instead of its port; stderr: {await stderr.TextAsync()}");
        }

        return port;
    }

    private static async Task StopAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A killed process that has not gone within the bound is left to the OS; there is nothing more to do.
        }
    }
}
