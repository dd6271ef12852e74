using System.Text.Json;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Cli.Tests.Support.Demo;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>`cvpn-audit endpoints` on the demo archive: each endpoint's freshness as the replay recorded it.</summary>
[Collection(DemoArchiveCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class EndpointsCommandTests(DemoArchiveFixture demo)
{
    [Fact]
    public async Task Endpoints_AsJson_CarryExactlyTheContractsNames_AndEachEndpointsLastCompleteListing()
    {
        var result = await demo.RunAsync("endpoints", "--output", "json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var endpoints = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
        Assert.All(endpoints, endpoint => Assert.Equal(EndpointStateTable.Exported, endpoint.EnumerateObject().Select(property => property.Name)));
        var byId = endpoints.ToDictionary(endpoint => endpoint.GetProperty("ClientVpnEndpointId").GetString()!);
        Assert.Equal([ContractorEndpoint, LabEndpoint, CorporateEndpoint, EngineeringEndpoint], byId.Keys);

        var corporate = byId[CorporateEndpoint];
        Assert.Equal("123456789012", corporate.GetProperty("AccountId").GetString());
        Assert.Equal("eu-west-1", corporate.GetProperty("Region").GetString());
        Assert.Equal("available", corporate.GetProperty("Status").GetString());
        Assert.Equal("2026-03-02T11:30:00Z", corporate.GetProperty("LastCompleteListingAt").GetString());
        Assert.Equal(JsonValueKind.Null, corporate.GetProperty("LastError").ValueKind);
        Assert.Equal(3, corporate.GetProperty("ConnectionsListed").GetInt32());

        // Deleting at 09:55 (still listed completely), deleted at 10:00.
        var lab = byId[LabEndpoint];
        Assert.Equal("deleted", lab.GetProperty("Status").GetString());
        Assert.Equal("2026-03-02T10:00:00Z", lab.GetProperty("LastAttemptAt").GetString());
        Assert.Equal("2026-03-02T09:55:00Z", lab.GetProperty("LastCompleteListingAt").GetString());
    }

    [Fact]
    public async Task Endpoints_AsCsv_HaveTheNamesAsHeader_AndOneRowPerEndpoint()
    {
        var result = await demo.RunAsync("endpoints", "--output", "csv");

        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(string.Join(",", EndpointStateTable.Exported), lines[0]);
        Assert.Equal(5, lines.Length);
    }

    [Fact]
    public async Task Endpoints_AsATable_SayHowMany()
    {
        var result = await demo.RunAsync("endpoints");

        Assert.Contains("4 endpoints", result.Out, StringComparison.Ordinal);
        Assert.Contains(LabEndpoint, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoints_InAwsWithoutTheTablesName_IsRefusedNamingTheOption()
    {
        var result = await CvpnAudit.RunAsync("endpoints", "--aws", "--table", "sessions");

        CliAssert.BadInput(result, "--endpoint-table");
    }
}
