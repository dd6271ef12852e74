using Amazon.DynamoDBv2;
using ClientVpnAudit.LocalDynamoDb;
using ClientVpnAudit.LocalStore;

namespace ClientVpnAudit.Testing;

/// <summary>One in-memory dynalite per test class (IClassFixture) or collection (ICollectionFixture).</summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private DynaliteServer? _server;

    public Uri Url => Server.Url;

    public DynaliteServer Server => _server ?? throw new InvalidOperationException("DynaliteFixture is not initialized yet");

    public async Task InitializeAsync() =>
        _server = await DynaliteServer.StartAsync(new DynaliteOptions { RepositoryRoot = RepositoryPaths.Root });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public IAmazonDynamoDB CreateClient() => AwsClients.DynamoDb(Url);

    /// <summary>Creates an endpoint-state table with a unique name.</summary>
    public async Task<string> CreateEndpointTableAsync(CancellationToken cancellationToken = default)
    {
        var name = "endpoints-" + Guid.NewGuid().ToString("N");
        using var client = CreateClient();
        await EndpointStateTableCreation.EnsureExistsAsync(client, name, cancellationToken);
        return name;
    }

    /// <summary>Creates a sessions table with a unique name, so tests sharing this fixture do not see each other's items.</summary>
    public async Task<string> CreateSessionTableAsync(CancellationToken cancellationToken = default)
    {
        var name = "sessions-" + Guid.NewGuid().ToString("N");
        using var client = CreateClient();
        await SessionTableCreation.EnsureExistsAsync(client, name, cancellationToken);
        return name;
    }
}
