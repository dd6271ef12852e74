using System.Text;

namespace ClientVpnAudit.Cli.Output;

/// <summary>
/// Writes a file so that readers see the old content or the complete new one, never a half-written file: the content goes
/// to a temporary file in the same folder, which then replaces the target with a rename.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Refuses a target that cannot be written (a folder, or in a missing folder) before any work is done.</summary>
    public static string CheckTarget(string path)
    {
        var target = Path.GetFullPath(path);
        if (Directory.Exists(target))
        {
            throw new CliInputException($"--out: {path} is a folder");
        }

        var folder = Path.GetDirectoryName(target)!;
        return Directory.Exists(folder) ? target : throw new CliInputException($"--out: folder {folder} does not exist");
    }

    /// <param name="overwrite">False: an existing file at <paramref name="path"/> is left alone and the write is refused,
    /// also when it appears while the content is being written (the rename itself refuses to replace it).</param>
    public static async Task WriteAsync(string path, Func<TextWriter, Task> write, CancellationToken cancellationToken,
        bool overwrite = true)
    {
        var target = CheckTarget(path);
        var folder = Path.GetDirectoryName(target)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                await using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true))
                {
                    await write(writer);
                }

                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temporary, target, overwrite);
        }
        catch (IOException exception) when (!overwrite && File.Exists(target))
        {
            throw Exists(path, exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new CliInputException($"--out: cannot write {path}: {exception.Message}", exception);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static CliInputException Exists(string path, Exception? exception = null) =>
        new($"--out: {path} already exists; not overwritten", exception);
}
