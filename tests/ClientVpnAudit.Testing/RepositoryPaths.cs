namespace ClientVpnAudit.Testing;

/// <summary>Folders of this repository, found by walking up from the test assembly to ClientVpnAudit.sln.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> FoundRoot = new(FindRoot);

    public static string Root => FoundRoot.Value;

    /// <summary>Sample AWS CLI snapshots (Root/events).</summary>
    public static string Events => Path.Combine(Root, "events");

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ClientVpnAudit.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"ClientVpnAudit.sln not found above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}");
    }
}
