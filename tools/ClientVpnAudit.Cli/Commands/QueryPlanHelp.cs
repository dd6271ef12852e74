namespace ClientVpnAudit.Cli.Commands;

/// <summary>What `sessions` and `export` say in --help about how they read the table, and when they scan it.</summary>
internal static class QueryPlanHelp
{
    public static string Describe(string purpose) =>
        purpose + ". Reads keys from an index (--endpoint: ByEndpoint; --user: ByIdentity; --active: ActiveByEndpoint; "
        + "--since/--until/--at: one Query of ByEstablishedDay per day, in parallel), then the full items with BatchGetItem. "
        + "It scans the whole table only when asked for everything: no filter, only --until, --account or --region, or a window of over ten years";
}
