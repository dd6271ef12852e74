using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Cli.Replay;

/// <summary>
/// A folder of polls: every *.json file is one poll (AWS CLI JSON) of one target or of several (a Targets array),
/// replayed in ordinal order of file name. Every file is read and checked before any is applied.
/// </summary>
internal static class PollDirectory
{
    public static IReadOnlyList<Poll> Load(string directory)
    {
        if (File.Exists(directory))
        {
            throw new CliInputException($"replay: {directory} is a file; give the folder that holds the snapshots");
        }

        if (!Directory.Exists(directory))
        {
            throw new CliInputException($"replay: folder not found: {directory}");
        }

        var files = Directory.EnumerateFiles(directory)
            .Where(path => Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase))
            .OrderBy(Path.GetFileName, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new CliInputException($"replay: no *.json snapshot files in {directory}");
        }

        // SnapshotLoader names the file and the line (invalid JSON), the target or the connection (no ClientVpnEndpointId).
        return files.Select(path => new Poll(Path.GetFileName(path), SnapshotLoader.LoadPoll(path))).ToList();
    }
}

/// <summary>One replayed poll: the file name and what the emulator serves for it, one target or several.</summary>
internal sealed record Poll(string Name, SnapshotPoll Snapshots);
