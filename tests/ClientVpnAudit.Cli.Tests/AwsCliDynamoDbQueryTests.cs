using System.Text.Json;
using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Cli.Tests.Support.Demo;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>
/// The `aws dynamodb query` commands docs/cli.md documents for historical sessions, run against the demo archive that
/// `cvpn-audit dynamodb` serves. They must select what `cvpn-audit sessions` selects.
/// </summary>
[Collection(DemoArchiveCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class AwsCliDynamoDbQueryTests(DemoArchiveFixture demo)
{
    [AwsCliFact]
    public async Task AwsCliQuery_OnByEndpoint_ForATimeRange_SelectsWhatSessionsSelects()
    {
        // Connected at some moment of [09:00, 09:15]: established from 24 hours before 09:00 up to 09:15, and not ended before 09:00.
        var answer = await AwsCli.RunAsync("dynamodb", "query", "--endpoint-url", demo.DynamoDbUrl.ToString(),
            "--table-name", "ClientVpnSessions", "--index-name", "ByEndpoint",
            "--key-condition-expression", "ClientVpnEndpointId = :endpoint AND ConnectionEstablishedTime BETWEEN :from AND :until",
            "--filter-expression", "attribute_not_exists(ConnectionEndTime) OR ConnectionEndTime >= :since",
            "--expression-attribute-values",
            """{":endpoint":{"S":"cvpn-endpoint-0c1f4a7d2e9b35601"},":from":{"S":"2026-03-01T09:00:00Z"},":since":{"S":"2026-03-02T09:00:00Z"},":until":{"S":"2026-03-02T09:15:00Z"}}""");

        var sessions = await demo.SessionsAsync("--endpoint", CorporateEndpoint, "--since", "2026-03-02T09:00:00Z", "--until", "2026-03-02T09:15:00Z", "--output", "json");
        Assert.Equal([Alice, BobMorning, Carol], SessionsJson.ConnectionIds(sessions.Out));
        Assert.Equal([Alice, BobMorning, Carol], Ids(answer));
        var bob = answer.GetProperty("Items")[1];
        Assert.Equal("10.100.0.22", bob.GetProperty("ClientIp").GetProperty("S").GetString());
        Assert.Equal("2026-03-02T09:03:12Z", bob.GetProperty("ConnectionEndTime").GetProperty("S").GetString());
    }

    [AwsCliFact]
    public async Task AwsCliQuery_OnByIdentity_ListsAUsersSessions()
    {
        // Identity is a DynamoDB reserved word: it needs a #name placeholder.
        var answer = await AwsCli.RunAsync("dynamodb", "query", "--endpoint-url", demo.DynamoDbUrl.ToString(),
            "--table-name", "ClientVpnSessions", "--index-name", "ByIdentity",
            "--key-condition-expression", "#identity = :user",
            "--expression-attribute-names", """{"#identity":"Identity"}""",
            "--expression-attribute-values", """{":user":{"S":"bob"}}""");

        var sessions = await demo.SessionsAsync("--user", "bob", "--output", "json");
        Assert.Equal(SessionsJson.ConnectionIds(sessions.Out), Ids(answer));
        Assert.Equal([BobMorning, BobLater], Ids(answer));
    }

    private static IReadOnlyList<string> Ids(JsonElement answer) =>
        answer.GetProperty("Items").EnumerateArray().Select(item => item.GetProperty("ConnectionId").GetProperty("S").GetString()!).ToList();
}
