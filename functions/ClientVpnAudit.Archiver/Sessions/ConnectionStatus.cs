namespace ClientVpnAudit.Archiver.Sessions;

/// <summary>
/// AWS's connection status codes (active, terminating, terminated, failed-to-terminate) are stored as AWS sends them;
/// the archive reasons about one of them.
/// </summary>
public static class ConnectionStatus
{
    public const string Terminated = "terminated";

    /// <summary>A session has ended only once AWS (or lost-session detection) says terminated.</summary>
    public static bool HasEnded(string? status) => status == Terminated;
}
