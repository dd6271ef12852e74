namespace ClientVpnAudit.Cli.Tests.Support;

/// <summary>
/// The demo sequence replayed once into the embedded store, which `cvpn-audit dynamodb` then serves for the whole
/// "demo archive" collection: its tests only read, through `--dynamodb-url` (or the AWS CLI), without paying for a
/// dynalite start each.
/// </summary>
public sealed class DemoArchiveFixture : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new();
    private ServingCommand? _server;

    public string DataDirectory => Path.Combine(_folder.Path, "data");

    /// <summary>The served archive (`cvpn-audit dynamodb --data-dir DataDirectory`).</summary>
    public Uri DynamoDbUrl => _server?.Url ?? throw new InvalidOperationException("not initialized");

    internal CliResult Replay { get; private set; } = null!;

    /// <summary>`sessions` on the demo archive with more arguments.</summary>
    internal Task<CliResult> SessionsAsync(params string[] args) => RunAsync(["sessions", .. args]);

    /// <summary>A command with the demo archive as its store (sessions, export).</summary>
    internal Task<CliResult> RunAsync(params string[] args) =>
        CvpnAudit.RunAsync([.. args, "--dynamodb-url", DynamoDbUrl.ToString()]);

    public async Task InitializeAsync()
    {
        Replay = await CvpnAudit.RunAsync("replay", Demo.Snapshots, "--data-dir", DataDirectory);
        Assert.True(Replay.ExitCode == ExitCodes.Success, Replay.ToString());
        _server = await ServingCommand.StartAsync("dynamodb", "--data-dir", DataDirectory, "--port", "0");
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class DemoArchiveCollection : ICollectionFixture<DemoArchiveFixture>
{
    public const string Name = "demo archive";
}
