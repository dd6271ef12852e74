using System.Net;
using System.Text.Json;
using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>`cvpn-audit emulator` seen through the AWS CLI: it must give back exactly the snapshot it serves.</summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class EmulatorCommandTests
{
    private static readonly string SnapshotFile = Path.Combine(Demo.Snapshots, "2026-03-02T0945Z.json");

    [AwsCliFact]
    public async Task AwsCli_AgainstTheEmulatorCommand_GetsExactlyTheSnapshotsConnectionsAndEndpoints()
    {
        using var snapshot = JsonDocument.Parse(await File.ReadAllTextAsync(SnapshotFile));
        await using var emulator = await ServingCommand.StartAsync("emulator", SnapshotFile, "--port", "0");
        var url = emulator.Url.ToString();

        // Engineering: certificate users only (no Username) with IPv6 clients; contractors: SAML users, posture
        // statuses, one terminated connection.
        foreach (var endpoint in new[] { Demo.EngineeringEndpoint, Demo.ContractorEndpoint })
        {
            var answer = await AwsCli.RunAsync("ec2", "describe-client-vpn-connections", "--endpoint-url", url, "--client-vpn-endpoint-id", endpoint);
            var expected = snapshot.RootElement.GetProperty("Connections").EnumerateArray()
                .Where(connection => connection.GetProperty("ClientVpnEndpointId").GetString() == endpoint)
                .ToList();
            Assert.NotEmpty(expected);
            AssertSameObjects(expected, Only(answer, "Connections"), "ConnectionId");
        }

        var endpoints = await AwsCli.RunAsync("ec2", "describe-client-vpn-endpoints", "--endpoint-url", url);
        AssertSameObjects(snapshot.RootElement.GetProperty("ClientVpnEndpoints").EnumerateArray().ToList(), Only(endpoints, "ClientVpnEndpoints"),
            "ClientVpnEndpointId");

        Assert.Equal(ExitCodes.Success, await emulator.StopAsync());
    }

    [Fact]
    public async Task Emulator_PrintsItsUrlAndAnExample_AndStopsOnCtrlC()
    {
        await using var emulator = await ServingCommand.StartAsync("emulator", SnapshotFile, "--port", "0");

        Assert.Equal(ExitCodes.Success, await emulator.StopAsync());
        Assert.Contains($"--endpoint-url {emulator.Url}", emulator.Output, StringComparison.Ordinal);
        using var client = new HttpClient();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync(emulator.Url));
    }

    [Fact]
    public async Task Emulator_OfAFileOfSeveralTargets_ServesEachToItsAccountAndRegion_AndSaysHowToAsk()
    {
        await using var emulator = await ServingCommand.StartAsync("emulator", Path.Combine(MultiTarget.Polls, "2026-03-02T0905Z.json"), "--port", "0");
        using var partnerUs = AwsClients.Ec2(emulator.Url, new Archiver.Sessions.Target(MultiTarget.AccountB, MultiTarget.Us));
        using var stranger = AwsClients.Ec2(emulator.Url);

        var endpoints = await partnerUs.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());
        var refused = await Assert.ThrowsAsync<AmazonEC2Exception>(() => stranger.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest()));

        Assert.Equal(ExitCodes.Success, await emulator.StopAsync());
        Assert.Equal([MultiTarget.PartnerUs], endpoints.ClientVpnEndpoints.Select(endpoint => endpoint.ClientVpnEndpointId));
        Assert.Equal(("AuthFailure", HttpStatusCode.Unauthorized), (refused.ErrorCode, refused.StatusCode));
        Assert.Contains("4 targets: 111111111111:eu-west-1, 111111111111:us-east-1, 222222222222:eu-west-1, 222222222222:us-east-1;", emulator.Output,
            StringComparison.Ordinal);
        Assert.Contains($"AWS_ACCESS_KEY_ID=111111111111 AWS_SECRET_ACCESS_KEY=any AWS_DEFAULT_REGION=eu-west-1 aws ec2 describe-client-vpn-connections "
            + $"--endpoint-url {emulator.Url} --client-vpn-endpoint-id {MultiTarget.CorporateEu}", emulator.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_WithDeny_AnswersUnauthorizedOperationToThatAction_DryRunIncluded_AndDryRunOperationToTheOther()
    {
        await using var emulator = await ServingCommand.StartAsync("emulator", SnapshotFile, "--port", "0", "--deny", "ec2:DescribeClientVpnConnections");
        using var ec2 = AwsClients.Ec2(emulator.Url);

        var denied = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = Demo.CorporateEndpoint, DryRun = true }));
        var allowed = await Assert.ThrowsAsync<AmazonEC2Exception>(() => ec2.DescribeClientVpnEndpointsAsync(
            new DescribeClientVpnEndpointsRequest { DryRun = true }));

        Assert.Equal(("UnauthorizedOperation", HttpStatusCode.Forbidden), (denied.ErrorCode, denied.StatusCode));
        Assert.Equal(("DryRunOperation", HttpStatusCode.PreconditionFailed), (allowed.ErrorCode, allowed.StatusCode));
        Assert.Contains("as EC2, denying DescribeClientVpnConnections, at", emulator.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, await emulator.StopAsync());
    }

    private static List<JsonElement> Only(JsonElement answer, string property)
    {
        Assert.Equal([property], answer.EnumerateObject().Select(member => member.Name));
        return answer.GetProperty(property).EnumerateArray().ToList();
    }

    private static void AssertSameObjects(IReadOnlyList<JsonElement> expected, IReadOnlyList<JsonElement> actual, string idName)
    {
        Assert.Equal(expected.Select(item => item.GetProperty(idName).GetString()), actual.Select(item => item.GetProperty(idName).GetString()));
        foreach (var (want, got) in expected.Zip(actual))
        {
            var id = want.GetProperty(idName).GetString();
            Assert.Equal(want.EnumerateObject().Select(member => member.Name).Order(), got.EnumerateObject().Select(member => member.Name).Order());
            foreach (var member in want.EnumerateObject())
            {
                Assert.True(JsonElement.DeepEquals(member.Value, got.GetProperty(member.Name)),
                    $"{id}.{member.Name}: snapshot has {member.Value}, aws printed {got.GetProperty(member.Name)}");
            }
        }
    }
}
