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
    public async Task AwsCliQuery_OnByEstablishedDay_AtAnInstant_FindsTheKeysOfWhatSessionsAtSelects()
    {
        // Connected at 09:10: established from 24 hours before up to 09:10, so on 1 or 2 March; the index holds keys only.
        var candidates = new List<string>();
        foreach (var day in new[] { "2026-03-01", "2026-03-02" })
        {
            var answer = await AwsCli.RunAsync("dynamodb", "query", "--endpoint-url", demo.DynamoDbUrl.ToString(),
                "--table-name", "ClientVpnSessions", "--index-name", "ByEstablishedDay",
                "--key-condition-expression", "EstablishedDay = :day AND ConnectionEstablishedTime BETWEEN :from AND :at",
                "--expression-attribute-values",
                $$$"""{":day":{"S":"{{{day}}}"},":from":{"S":"2026-03-01T09:10:00Z"},":at":{"S":"2026-03-02T09:10:00Z"}}""");
            Assert.All(answer.GetProperty("Items").EnumerateArray(), item => Assert.Equal(
                ["ConnectionEstablishedTime", "ConnectionId", "EstablishedDay"], item.EnumerateObject().Select(attribute => attribute.Name).Order()));
            candidates.AddRange(Ids(answer));
        }

        var sessions = await demo.SessionsAsync("--at", "2026-03-02T09:10:00Z", "--output", "json");
        Assert.Equal([CiRunner, Alice, LabBastion, Erin, JsmithLaptop], SessionsJson.ConnectionIds(sessions.Out));
        Assert.Subset(candidates.ToHashSet(), SessionsJson.ConnectionIds(sessions.Out).ToHashSet());
        Assert.DoesNotContain(Frank, candidates);
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
