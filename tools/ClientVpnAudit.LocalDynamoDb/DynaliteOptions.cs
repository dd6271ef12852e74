namespace ClientVpnAudit.LocalDynamoDb;

/// <summary>How <see cref="DynaliteServer.StartAsync"/> runs dynalite.</summary>
public sealed record DynaliteOptions
{
    /// <summary>Null keeps the tables in memory; otherwise dynalite keeps LevelDB files there, which persist between runs. The folder is created.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Receives messages worth showing to a person, such as "Installing dynalite (npm ci) ...".</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>The folder holding package.json and package-lock.json that pin dynalite. Null: found by <see cref="RepositoryRoot.Find"/>.</summary>
    public string? RepositoryRoot { get; init; }
}
