using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.LocalStore;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>`cvpn-audit doctor` on tables made for each test in a dynalite of the class's own: empty, or of another layout.</summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class DoctorOnNewTablesTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 11, 35, 0, TimeSpan.Zero);

    [Fact]
    public async Task Doctor_OfATableWithNoOpenSession_CannotDateTheLastWrite_AndStillExitsZero()
    {
        var table = await dynalite.CreateSessionTableAsync();
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(Path.Combine(Demo.Snapshots, "2026-03-02T0900Z.json")));

        var result = await DoctorAsync(emulator.Url, table);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(
            [
                $"✓ EC2 at {emulator.Url} and DynamoDB at {dynalite.Url} answer",
                "✓ ec2:DescribeClientVpnEndpoints is allowed",
                $"✓ ec2:DescribeClientVpnConnections is allowed (asked about {Demo.CorporateEndpoint})",
                $"✓ table {table} is ACTIVE, keyed on ConnectionId, with the indexes ByEndpoint, ByIdentity, ActiveByEndpoint and ByEstablishedDay",
                "? TTL on ExpiresAt: this store answers DISABLED (a local table has no TTL; the deployed stack enables it)",
                "? point-in-time recovery: cannot tell: this DynamoDB does not support DescribeContinuousBackups",
                "? archive freshness: no session that has not ended, so nothing dates the archiver's last write",
            ],
            result.OutLines);
    }

    [Fact]
    public async Task Doctor_OfATableOfAnotherLayout_NamesEveryDifference_AndFails()
    {
        var table = "other-" + Guid.NewGuid().ToString("N");
        var request = SessionTableCreation.Request(table);
        request.GlobalSecondaryIndexes.RemoveAll(index => index.IndexName == SessionTable.ActiveByEndpoint.Name);
        request.GlobalSecondaryIndexes.Single(index => index.IndexName == SessionTable.ByIdentity.Name).KeySchema =
            [new KeySchemaElement(SessionAttributes.Identity, KeyType.HASH), new KeySchemaElement(SessionAttributes.ConnectionEndTime, KeyType.RANGE)];
        request.AttributeDefinitions.Add(new AttributeDefinition(SessionAttributes.ConnectionEndTime, ScalarAttributeType.S));
        var result = await DoctorOfTableAsync(request);

        Assert.True(result.ExitCode == ExitCodes.RunFailed, result.ToString());
        Assert.Equal(
            $"✗ table {table} does not have the archiver's layout: index ByIdentity is keyed on Identity/ConnectionEndTime, not "
                + "Identity/ConnectionEstablishedTime; index ActiveByEndpoint is missing; fix: wait if it is still being created or updated; "
                + "otherwise deploy the stack (it builds the table from this layout), or name the right table with --table",
            result.OutLines[3]);
        Assert.StartsWith("? archive freshness: cannot tell: Scan of ActiveByEndpoint answered ", result.OutLines[6], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_OfATableMadeBeforeTheDayIndex_NamesTheMissingIndex_AndTheBackfill()
    {
        var table = "before-day-index-" + Guid.NewGuid().ToString("N");
        var request = SessionTableCreation.Request(table);
        request.GlobalSecondaryIndexes.RemoveAll(index => index.IndexName == SessionTable.ByEstablishedDay.Name);
        request.AttributeDefinitions.RemoveAll(definition => definition.AttributeName == SessionAttributes.EstablishedDay);
        var result = await DoctorOfTableAsync(request);

        Assert.True(result.ExitCode == ExitCodes.RunFailed, result.ToString());
        Assert.Equal(
            $"✗ table {table} does not have the archiver's layout: index ByEstablishedDay is missing; fix: deploy the stack (it adds "
                + "one missing index per deployment), then run `cvpn-audit backfill` for the records written before (docs/operations.md, "
                + "\"Upgrading an existing table\"); or name the right table with --table",
            result.OutLines[3]);
    }

    [Fact]
    public async Task Doctor_WithAnEndpointThatKeepsFailing_NamesItAndItsLastError_WhileTheOthersAreFresh()
    {
        var table = await dynalite.CreateSessionTableAsync();
        var endpointTable = await dynalite.CreateEndpointTableAsync();
        using (var client = dynalite.CreateClient())
        {
            await PutStateAsync(client, endpointTable, "cvpn-endpoint-000000000000000f1", "2026-03-02T11:30:00Z", error: null);
            await PutStateAsync(client, endpointTable, "cvpn-endpoint-000000000000000f2", "2026-03-02T10:50:00Z", "UnauthorizedOperation: denied");
        }

        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(Path.Combine(Demo.Snapshots, "2026-03-02T0900Z.json")));

        var result = await CvpnAudit.RunAtAsync(Now, "doctor", "--ec2-url", emulator.Url.ToString(), "--dynamodb-url", dynalite.Url.ToString(),
            "--table", table, "--endpoint-table", endpointTable);

        Assert.True(result.ExitCode == ExitCodes.RunFailed, result.ToString());
        Assert.StartsWith("✗ the archiver has not listed cvpn-endpoint-000000000000000f2 completely for 45 minutes: its last complete listing "
            + "was at 2026-03-02T10:50:00Z; its last error: UnauthorizedOperation: denied; fix: ", result.OutLines[6], StringComparison.Ordinal);
    }

    private static Task PutStateAsync(IAmazonDynamoDB client, string table, string endpointId, string completedAt, string? error)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [EndpointStateTable.ClientVpnEndpointId] = new() { S = endpointId },
            [EndpointStateTable.Status] = new() { S = "available" },
            [EndpointStateTable.LastCompleteListingAt] = new() { S = completedAt },
        };
        if (error is not null)
        {
            item[EndpointStateTable.LastError] = new() { S = error };
        }

        return client.PutItemAsync(new PutItemRequest { TableName = table, Item = item });
    }

    /// <summary>Creates the table as requested, then runs doctor on it with the emulator serving the demo's first poll.</summary>
    private async Task<CliResult> DoctorOfTableAsync(CreateTableRequest request)
    {
        using (var client = dynalite.CreateClient())
        {
            await client.CreateTableAsync(request);
            await TableActivation.WaitUntilActiveAsync(client, request.TableName, CancellationToken.None);
        }

        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(Path.Combine(Demo.Snapshots, "2026-03-02T0900Z.json")));
        return await DoctorAsync(emulator.Url, request.TableName);
    }

    private Task<CliResult> DoctorAsync(Uri ec2Url, string table) =>
        CvpnAudit.RunAtAsync(Now, "doctor", "--ec2-url", ec2Url.ToString(), "--dynamodb-url", dynalite.Url.ToString(), "--table", table);
}
