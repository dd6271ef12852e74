namespace ClientVpnAudit.Cli;

/// <summary>What a cvpn-audit exit code means; scripts depend on these.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An archiver run reported failed endpoints (or could not list them), EC2 failed during a capture, or something
    /// unexpected failed.</summary>
    public const int RunFailed = 1;

    /// <summary>The command could not start: bad arguments or files, an unreachable store, missing credentials. Nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>Stopped by Ctrl-C or SIGTERM (128 + SIGINT), as shells report it.</summary>
    public const int Cancelled = 130;
}
