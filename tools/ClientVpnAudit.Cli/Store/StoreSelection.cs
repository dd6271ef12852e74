namespace ClientVpnAudit.Cli.Store;

/// <summary>Where the archive lives: the embedded dynalite in a folder, any DynamoDB-compatible URL, or real AWS.</summary>
internal sealed record StoreSelection
{
    public const string DefaultTableName = "ClientVpnSessions";
    public const string DefaultDataDirectory = ".cvpn-audit";

    public required StoreKind Kind { get; init; }

    public required string TableName { get; init; }

    /// <summary>
    /// The endpoint-state table: `--endpoint-table`, else, for a local store, the sessions table's name with
    /// <see cref="EndpointTableSuffix"/>; null in AWS without the option (the deployed name is a stack output).
    /// </summary>
    public string? EndpointTableName { get; init; }

    public const string EndpointTableSuffix = "-endpoints";

    /// <summary>The embedded store's folder (<see cref="StoreKind.Embedded"/> only).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The endpoint (<see cref="StoreKind.Url"/> only).</summary>
    public Uri? Url { get; init; }

    public string Describe() => Kind switch
    {
        StoreKind.Embedded => $"table {TableName} in the local DynamoDB (dynalite) kept in {DataDirectory}",
        StoreKind.Url => $"table {TableName} at {Url?.OriginalString}",
        _ => $"table {TableName} in AWS",
    };
}

internal enum StoreKind
{
    Embedded,
    Url,
    Aws,
}
