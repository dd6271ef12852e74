namespace ClientVpnAudit.LocalDynamoDb;

/// <summary>Finds executables on PATH, so a missing one gives a clear message rather than a Win32Exception.</summary>
internal static class CommandPath
{
    public static string? Find(string name)
    {
        string[] extensions = OperatingSystem.IsWindows() ? [".exe", ".cmd"] : [""];
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(directory.Trim('"'), name + extension);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    public static string RequireNode() =>
        Find("node") ?? throw new LocalDynamoDbException(
            "Node.js >= 20 is required to run the local DynamoDB (dynalite): node was not found on PATH");
}
