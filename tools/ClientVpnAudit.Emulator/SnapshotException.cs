namespace ClientVpnAudit.Emulator;

/// <summary>A snapshot that cannot be served. The message is one line and starts with the file name.</summary>
public sealed class SnapshotException : Exception
{
    public SnapshotException(string message) : base(message) { }

    public SnapshotException(string message, Exception inner) : base(message, inner) { }
}
