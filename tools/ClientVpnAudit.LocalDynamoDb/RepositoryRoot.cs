using System.Text.Json;

namespace ClientVpnAudit.LocalDynamoDb;

/// <summary>Finds the folder whose package.json pins dynalite (the repository root).</summary>
public static class RepositoryRoot
{
    /// <summary>Walks up from <see cref="AppContext.BaseDirectory"/>, then from the current directory.</summary>
    public static string Find()
    {
        string[] starts = [AppContext.BaseDirectory, Directory.GetCurrentDirectory()];
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (IsRoot(dir.FullName))
                {
                    return dir.FullName;
                }
            }
        }

        throw new LocalDynamoDbException(
            $"Could not find the repository root (a folder with package-lock.json and a package.json that names dynalite) above {starts[0]} or {starts[1]}");
    }

    public static bool IsRoot(string directory)
    {
        var packageJson = Path.Combine(directory, "package.json");
        if (!File.Exists(Path.Combine(directory, "package-lock.json")) || !File.Exists(packageJson))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
            return NamesDynalite(document.RootElement, "dependencies") || NamesDynalite(document.RootElement, "devDependencies");
        }
        catch (Exception exception) when (exception is JsonException or IOException)
        {
            return false;
        }
    }

    private static bool NamesDynalite(JsonElement package, string section) =>
        package.ValueKind == JsonValueKind.Object
        && package.TryGetProperty(section, out var dependencies)
        && dependencies.ValueKind == JsonValueKind.Object
        && dependencies.TryGetProperty("dynalite", out _);
}
