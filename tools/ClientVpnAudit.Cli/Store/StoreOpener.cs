using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using ClientVpnAudit.Cli.Output;
using ClientVpnAudit.LocalDynamoDb;
using ClientVpnAudit.LocalStore;

namespace ClientVpnAudit.Cli.Store;

/// <summary>
/// Opens the selected store and makes sure the sessions table is there. A remote store is probed first with a short
/// timeout and no retries, so a wrong URL or missing credentials fail in seconds instead of after a retry storm.
/// </summary>
internal static class StoreOpener
{
    public static readonly TimeSpan UrlProbeTimeout = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan AwsProbeTimeout = TimeSpan.FromSeconds(10);

    /// <param name="createTable">
    /// Create the table from the archiver's layout when it is missing. Never done in AWS, where the stack owns the table;
    /// the embedded store always gets it (an empty archive is still an archive).
    /// </param>
    public static async Task<OpenedStore> OpenAsync(StoreSelection selection, bool createTable, CliOutput io, CancellationToken cancellationToken) =>
        selection.Kind switch
        {
            StoreKind.Embedded => await OpenEmbeddedAsync(selection, io, cancellationToken),
            StoreKind.Url => await OpenUrlAsync(selection, createTable, cancellationToken),
            _ => await OpenAwsAsync(selection, cancellationToken),
        };

    private static async Task<OpenedStore> OpenEmbeddedAsync(StoreSelection selection, CliOutput io, CancellationToken cancellationToken)
    {
        var dynalite = await DynaliteServer.StartAsync(new DynaliteOptions
        {
            DataDirectory = selection.DataDirectory,
            Progress = io.Notice,
        }, cancellationToken);
        try
        {
            var dynamoDb = ExplicitEndpointClients.DynamoDb(dynalite.Url);
            await EnsureTablesAsync(dynamoDb, selection, cancellationToken);
            return new OpenedStore(dynamoDb, selection, dynalite);
        }
        catch
        {
            await dynalite.DisposeAsync();
            throw;
        }
    }

    /// <summary>The sessions table and, when one is named, the endpoint-state table, from the archiver's layouts.</summary>
    public static async Task EnsureTablesAsync(IAmazonDynamoDB dynamoDb, StoreSelection selection, CancellationToken cancellationToken)
    {
        await SessionTableCreation.EnsureExistsAsync(dynamoDb, selection.TableName, cancellationToken);
        if (selection.EndpointTableName is { } endpointTable)
        {
            await EndpointStateTableCreation.EnsureExistsAsync(dynamoDb, endpointTable, cancellationToken);
        }
    }

    private static async Task<OpenedStore> OpenUrlAsync(StoreSelection selection, bool createTable, CancellationToken cancellationToken)
    {
        var url = selection.Url!;
        bool exists;
        using (var probe = ExplicitEndpointClients.DynamoDb(url, UrlProbeTimeout, maxErrorRetry: 0))
        {
            exists = await TableExistsAsync(probe, selection.TableName, $"--dynamodb-url {url.OriginalString}", UrlProbeTimeout, cancellationToken);
        }

        if (!exists && !createTable)
        {
            throw new CliInputException($"--table: table {selection.TableName} does not exist at {url.OriginalString}");
        }

        var dynamoDb = ExplicitEndpointClients.DynamoDb(url);
        try
        {
            if (createTable)
            {
                await EnsureTablesAsync(dynamoDb, selection, cancellationToken);
            }

            return new OpenedStore(dynamoDb, selection, dynalite: null);
        }
        catch
        {
            dynamoDb.Dispose();
            throw;
        }
    }

    private static async Task<OpenedStore> OpenAwsAsync(StoreSelection selection, CancellationToken cancellationToken)
    {
        using (var probe = AwsAccountClients.DynamoDb(AwsProbeTimeout, maxErrorRetry: 1))
        {
            if (!await TableExistsAsync(probe, selection.TableName, "--aws", AwsProbeTimeout, cancellationToken))
            {
                throw new CliInputException(
                    $"--table: table {selection.TableName} does not exist in {probe.Config.RegionEndpoint?.SystemName ?? "this region"} "
                    + "(deploy the stack first; its TableName output names the table)");
            }
        }

        return new OpenedStore(AwsAccountClients.DynamoDb(), selection, dynalite: null);
    }

    private static async Task<bool> TableExistsAsync(IAmazonDynamoDB probe, string tableName, string culprit, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        try
        {
            await probe.DescribeTableAsync(tableName, cancellationToken);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
        catch (AmazonServiceException service) when (Unreachable.IsServiceAnswer(service) && (int)service.StatusCode < 500)
        {
            throw new CliInputException($"{culprit}: DynamoDB refused: {service.ErrorCode}: {service.Message}", service);
        }
        catch (Exception exception) when (AwsAccountClients.IsMissingCredentials(exception))
        {
            throw AwsAccountClients.MissingCredentials(exception);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliInputException($"{culprit}: cannot reach it: {Unreachable.Describe(exception, timeout, "DynamoDB")}", exception);
        }
    }
}
