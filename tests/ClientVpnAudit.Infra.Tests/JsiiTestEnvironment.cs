using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>
/// Runs before any test touches jsii: gives jsii (and CDK's asset staging) a temp folder of this run's own, which the
/// run deletes on exit (each jsii process leaves ~66 MB behind), and silences the Node end-of-life banner.
/// </summary>
internal static class JsiiTestEnvironment
{
    public static string TempRoot { get; private set; } = "";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255", Justification = "TMPDIR must be set before the first jsii call starts node.")]
    internal static void Initialize()
    {
        var parent = Path.Combine(AppContext.BaseDirectory, "jsii-tmp");
        DeleteLeftovers(parent);

        TempRoot = Path.Combine(parent, $"{System.Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(TempRoot);
        System.Environment.SetEnvironmentVariable("TMPDIR", TempRoot);
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");

        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(TempRoot);
    }

    /// <summary>Folders of earlier runs that crashed before they could clean up.</summary>
    private static void DeleteLeftovers(string parent)
    {
        if (!Directory.Exists(parent))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(parent))
        {
            if (!IsRunning(Path.GetFileName(folder)))
            {
                TryDelete(folder);
            }
        }
    }

    private static bool IsRunning(string folderName)
    {
        var pidText = folderName.Split('-')[0];
        if (!int.TryParse(pidText, out var pid))
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
