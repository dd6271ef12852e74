namespace ClientVpnAudit.Archiver.Sessions;

/// <summary>AWS's connection status codes that the archive reasons about.</summary>
public static class ConnectionStatus
{
    public const string Active = "active";
    public const string Terminating = "terminating";
    public const string Terminated = "terminated";
    public const string FailedToTerminate = "failed-to-terminate";

    /// <summary>A session has ended only once AWS (or lost-session detection) says terminated.</summary>
    public static bool HasEnded(string? status) => status == Terminated;
}
