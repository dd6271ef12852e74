using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.LocalStore;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.LocalDynamoDb.Tests;

[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class DynaliteServerTests : IDisposable
{
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "cvpn-dynalite-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
    }

    private static DynaliteOptions InMemory() => new() { RepositoryRoot = RepositoryPaths.Root };

    [Fact]
    public async Task Port_zero_picks_a_free_port_that_answers_ListTables_through_the_AWS_SDK()
    {
        await using var server = await DynaliteServer.StartAsync(InMemory());

        Assert.Equal("http", server.Url.Scheme);
        Assert.Equal("127.0.0.1", server.Url.Host);
        Assert.NotEqual(0, server.Url.Port);
        using var client = AwsClients.DynamoDb(server.Url);
        var tables = await client.ListTablesAsync(new ListTablesRequest());
        Assert.Empty(tables.TableNames ?? []);
    }

    [Fact]
    public async Task Two_servers_running_at_once_get_different_ports_and_separate_stores()
    {
        await using var first = await DynaliteServer.StartAsync(InMemory());
        await using var second = await DynaliteServer.StartAsync(InMemory());

        Assert.NotEqual(first.Url.Port, second.Url.Port);
        Assert.NotEqual(first.ProcessId, second.ProcessId);
        using var firstClient = AwsClients.DynamoDb(first.Url);
        using var secondClient = AwsClients.DynamoDb(second.Url);
        await CreateTableAsync(firstClient, "only-in-first");
        Assert.Empty((await secondClient.ListTablesAsync(new ListTablesRequest())).TableNames ?? []);
    }

    [Fact]
    public async Task With_a_data_directory_a_table_and_an_item_survive_a_stop_and_restart()
    {
        var dataDirectory = Path.Combine(_scratch, "not-yet-created");
        var options = InMemory() with { DataDirectory = dataDirectory };

        await using (var server = await DynaliteServer.StartAsync(options))
        {
            using var client = AwsClients.DynamoDb(server.Url);
            await CreateTableAsync(client, "persisted");
            await client.PutItemAsync("persisted", new Dictionary<string, AttributeValue>
            {
                ["pk"] = new("session-1"),
                ["user"] = new("alice"),
            });
        }

        await using (var restarted = await DynaliteServer.StartAsync(options))
        {
            using var client = AwsClients.DynamoDb(restarted.Url);
            Assert.Contains("persisted", (await client.ListTablesAsync(new ListTablesRequest())).TableNames);
            var item = await client.GetItemAsync("persisted", new Dictionary<string, AttributeValue> { ["pk"] = new("session-1") });
            Assert.Equal("alice", item.Item["user"].S);
        }
    }

    [Fact]
    public async Task A_data_directory_held_by_a_running_server_is_refused_at_start_with_a_one_line_error()
    {
        var options = InMemory() with { DataDirectory = Path.Combine(_scratch, "shared") };
        await using var first = await DynaliteServer.StartAsync(options);

        var error = await Assert.ThrowsAsync<LocalDynamoDbException>(() => DynaliteServer.StartAsync(options));

        Assert.StartsWith("dynalite exited early", error.Message);
        Assert.Contains("LOCK", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task DisposeAsync_leaves_no_process_with_that_pid()
    {
        var server = await DynaliteServer.StartAsync(InMemory());
        var pid = server.ProcessId;
        Assert.True(IsRunning(pid));

        await server.DisposeAsync();
        await server.DisposeAsync(); // a second dispose is harmless

        Assert.False(IsRunning(pid));
    }

    [Fact]
    public async Task A_folder_that_does_not_pin_dynalite_is_refused_as_repository_root()
    {
        Directory.CreateDirectory(_scratch);

        var error = await Assert.ThrowsAsync<LocalDynamoDbException>(
            () => DynaliteServer.StartAsync(new DynaliteOptions { RepositoryRoot = _scratch }));

        Assert.Contains("not the repository root", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task A_port_already_in_use_fails_with_dynalites_one_line_error()
    {
        await using var first = await DynaliteServer.StartAsync(InMemory());

        var error = await Assert.ThrowsAsync<LocalDynamoDbException>(
            () => DynaliteServer.StartAsync(InMemory() with { Port = first.Url.Port }));

        Assert.StartsWith("dynalite exited early", error.Message);
        Assert.Contains("EADDRINUSE", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static async Task CreateTableAsync(IAmazonDynamoDB client, string name)
    {
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = name,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement("pk", KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition("pk", ScalarAttributeType.S)],
        });
        await TableActivation.WaitUntilActiveAsync(client, name, CancellationToken.None);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
