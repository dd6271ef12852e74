namespace ClientVpnAudit.LocalDynamoDb;

/// <summary>Drains a child's stderr for its whole life and keeps its last lines for error messages.</summary>
internal sealed class StderrTail
{
    private const int MaxLines = 20;
    private readonly Queue<string> _lines = new();
    private readonly Task _reading;

    public StderrTail(StreamReader stderr) => _reading = ReadAsync(stderr);

    /// <summary>The last lines on one line, once the pipe closed or after a short bounded wait.</summary>
    public async Task<string> TextAsync()
    {
        await Task.WhenAny(_reading, Task.Delay(TimeSpan.FromSeconds(2)));
        lock (_lines)
        {
            return _lines.Count == 0 ? "(nothing on stderr)" : string.Join(" | ", _lines);
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

                lock (_lines)
                {
                    _lines.Enqueue(line.Trim());
                    if (_lines.Count > MaxLines)
                    {
                        _lines.Dequeue();
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
