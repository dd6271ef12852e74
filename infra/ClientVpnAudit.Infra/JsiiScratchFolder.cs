namespace ClientVpnAudit.Infra;

/// <summary>
/// The jsii runtime unpacks its JavaScript bundles (~66 MB) into the temp folder on every run and never removes them.
/// Pointing TMPDIR at a folder of this run's own, before the first CDK call, lets the app delete them when it ends.
/// </summary>
public sealed class JsiiScratchFolder : IDisposable
{
    private readonly string? _previousTmpDir;

    public string Path { get; }

    private JsiiScratchFolder(string path, string? previousTmpDir)
    {
        Path = path;
        _previousTmpDir = previousTmpDir;
    }

    public static JsiiScratchFolder Create()
    {
        var previous = System.Environment.GetEnvironmentVariable("TMPDIR");
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"clientvpnaudit-jsii-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        System.Environment.SetEnvironmentVariable("TMPDIR", path);
        return new JsiiScratchFolder(path, previous);
    }

    public void Dispose()
    {
        System.Environment.SetEnvironmentVariable("TMPDIR", _previousTmpDir);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
