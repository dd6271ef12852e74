using Amazon.DynamoDBv2;
using ClientVpnAudit.LocalDynamoDb;

namespace ClientVpnAudit.Cli.Store;

/// <summary>A store ready to use. Disposing it stops the embedded dynalite, if this command started one.</summary>
internal sealed class OpenedStore(IAmazonDynamoDB dynamoDb, StoreSelection selection, DynaliteServer? dynalite) : IAsyncDisposable
{
    public IAmazonDynamoDB DynamoDb => dynamoDb;

    public string TableName => selection.TableName;

    public StoreSelection Selection => selection;

    /// <summary>The embedded dynalite's URL (null for other stores).</summary>
    public Uri? LocalUrl => dynalite?.Url;

    public async ValueTask DisposeAsync()
    {
        dynamoDb.Dispose();
        if (dynalite is not null)
        {
            await dynalite.DisposeAsync();
        }
    }
}
