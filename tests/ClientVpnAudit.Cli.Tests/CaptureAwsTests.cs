using System.Text.Json.Nodes;
using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Cli.Tests.Support.MultiTarget;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>
/// `capture --aws` with several targets, in a process whose SDK reaches the emulator and a GetCallerIdentity-only STS
/// through AWS_ENDPOINT_URL_EC2 and AWS_ENDPOINT_URL_STS, with credentials of account 111111111111.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class CaptureAwsTests : IDisposable
{
    private static readonly string File = Path.Combine(Polls, "2026-03-02T0905Z.json");

    private readonly TemporaryFolder _folder = new();

    private string Out => _folder.File("polls");

    [Fact]
    public async Task CaptureAws_OfTheCredentialsAccountInTwoRegions_WritesBothTargets()
    {
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.LoadPoll(File));
        await using var sts = await FakeSts.StartAsync();

        var result = await CaptureAsync(emulator, sts, "--targets", $"{AccountA}:{Eu},{AccountA}:{Us}");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var written = JsonNode.Parse(await System.IO.File.ReadAllTextAsync(Directory.GetFiles(Out).Single()))!;
        var original = JsonNode.Parse(await System.IO.File.ReadAllTextAsync(File))!["Targets"]!.AsArray();
        Assert.True(JsonNode.DeepEquals(new JsonArray(original[0]!.DeepClone(), original[1]!.DeepClone()), written["Targets"]), written.ToJsonString());
        Assert.Equal([$"{AccountA}:{Eu}", $"{AccountA}:{Us}"], emulator.Requests
            .Where(request => request.Action == "DescribeClientVpnEndpoints").Select(request => $"{request.AccessKeyId}:{request.Region}"));
    }

    [Theory]
    [InlineData("--targets", $"{AccountA}:{Eu},{AccountB}:{Eu}")]
    [InlineData("--account", AccountB)]
    public async Task CaptureAws_OfAnotherAccount_IsRefused_SayingItNeedsTheMemberRole_AndAsksEc2Nothing(string option, string value)
    {
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.LoadPoll(File));
        await using var sts = await FakeSts.StartAsync();

        var result = await CaptureAsync(emulator, sts, option, value);

        CliAssert.BadInput(result, $"{option}: {AccountB} is not the account of these credentials ({AccountA}): capturing another account "
            + "needs the member role it will hold, which comes with the organisation deployment");
        Assert.Equal(1, sts.Requests);
        Assert.Empty(emulator.Requests);
        Assert.False(Directory.Exists(Out));
    }

    public void Dispose() => _folder.Dispose();

    private Task<CliResult> CaptureAsync(Ec2Emulator emulator, FakeSts sts, params string[] more) =>
        CvpnAuditProcess.RunAsync("dotnet", [CvpnAuditProcess.Program, "capture", "--aws", "--out", Out, .. more], _folder.Path,
            new Dictionary<string, string?>
            {
                ["AWS_ACCESS_KEY_ID"] = AccountA,
                ["AWS_SECRET_ACCESS_KEY"] = "any",
                ["AWS_SESSION_TOKEN"] = null,
                ["AWS_PROFILE"] = null,
                ["AWS_REGION"] = Eu,
                ["AWS_CONFIG_FILE"] = _folder.File("no-config"),
                ["AWS_SHARED_CREDENTIALS_FILE"] = _folder.File("no-credentials"),
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = null,
                ["AWS_ENDPOINT_URL"] = null,
                ["AWS_ENDPOINT_URL_EC2"] = emulator.Url.ToString(),
                ["AWS_ENDPOINT_URL_STS"] = sts.Url.ToString(),
            });
}
