using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ClientVpnAudit.Testing;

/// <summary>
/// moto_server, a local AWS (STS, SQS, ...) preinstalled on this kind of machine, started on a free port of 127.0.0.1
/// for a test class and stopped by its pid. Tests that need it use <see cref="MotoFactAttribute"/>, which skips them
/// with a clear reason where it is missing.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    private const string Command = "moto_server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private Process? _process;

    /// <summary>moto_server's path, or null when it is not on PATH.</summary>
    public static string? Path { get; } = (System.Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => System.IO.Path.Combine(folder, Command))
        .FirstOrDefault(File.Exists);

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        if (Path is null)
        {
            return;
        }

        var port = FreePort();
        _process = Process.Start(new ProcessStartInfo(Path, ["-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("moto_server did not start");
        _ = _process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _ = _process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        Url = new Uri($"http://127.0.0.1:{port}/");

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (!_process.HasExited)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"moto_server did not listen on port {port} within {StartTimeout.TotalSeconds:0} s");
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A test that needs moto_server: skipped, saying why, where it is not installed.</summary>
public sealed class MotoFactAttribute : FactAttribute
{
    public MotoFactAttribute()
    {
        if (MotoServer.Path is null)
        {
            Skip = "moto_server (a local AWS, preinstalled on this kind of machine) is not on PATH";
        }
    }
}
