namespace ClientVpnAudit.LocalDynamoDb;

/// <summary>Drains a child's stderr for its whole life and keeps its last lines for error messages.</summary>
internal sealed class StderrTail
{
    private const int MaxLines = 20;
    private readonly Queue<string> lines = new();
    private readonly Task reading;

    public StderrTail(StreamReader stderr) => reading = ReadAsync(stderr);

    /// <summary>The last lines on one line, once the pipe closed or after a short bounded wait.</summary>
    public async Task<string> TextAsync()
    {
        await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(2)));
        lock (lines)
        {
            return lines.Count == 0 ? "(nothing on stderr)" : string.Join(" | ", lines);
        }
    }

    private async Task ReadAsync(StreamReader stderr)
    {
        try
        {
            while (await stderr.ReadLineAsync() is { } line)
            {
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                lock (lines)
                {
                    lines.Enqueue(line.Trim());
                    if (lines.Count > MaxLines)
                    {
                        lines.Dequeue();
                    }
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // The process was disposed; nothing more to read.
        }
    }
}
