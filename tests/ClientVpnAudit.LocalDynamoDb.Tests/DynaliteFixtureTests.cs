using Amazon.DynamoDBv2;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.LocalDynamoDb.Tests;

[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class DynaliteFixtureTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    [Fact]
    public async Task CreateSessionTableAsync_creates_an_active_table_with_a_unique_name_and_the_session_indexes()
    {
        var first = await dynalite.CreateSessionTableAsync();
        var second = await dynalite.CreateSessionTableAsync();

        Assert.NotEqual(first, second);
        using var client = dynalite.CreateClient();
        var table = (await client.DescribeTableAsync(first)).Table;
        Assert.Equal(TableStatus.ACTIVE, table.TableStatus);
        Assert.Equal(
            SessionTable.Indexes.Select(index => index.Name).Order(),
            (table.GlobalSecondaryIndexes ?? []).Select(index => index.IndexName).Order());
    }
}
