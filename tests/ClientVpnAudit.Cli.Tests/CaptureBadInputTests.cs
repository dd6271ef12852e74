using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Cli.Tests.Support.Demo;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>Each kind of bad input to `capture`: exit code 2, one line that names the culprit, and no file written.</summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class CaptureBadInputTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    private string Polls => _folder.File("polls");

    [Fact]
    public async Task Capture_WithoutAnEc2Source_SaysItNeedsAwsOrAnEc2Url() =>
        await AssertRefusedAsync(["capture", "--out", Polls], "capture needs --aws or --ec2-url URL");

    [Fact]
    public async Task Capture_WithBothAwsAndAnEc2Url_SaysOnlyOne() =>
        await AssertRefusedAsync(["capture", "--aws", "--ec2-url", "http://127.0.0.1:1", "--out", Polls], "--aws or --ec2-url URL, not both");

    [Fact]
    public async Task Capture_WithoutOut_NamesIt() =>
        await AssertRefusedAsync(["capture", "--ec2-url", "http://127.0.0.1:1"], "--out");

    [Fact]
    public async Task Capture_WithAnEc2UrlThatIsNotAUrl_NamesIt() =>
        await AssertRefusedAsync(["capture", "--ec2-url", "localhost:4566", "--out", Polls], "--ec2-url: 'localhost:4566'");

    [Fact]
    public async Task Capture_FromAnUnreachableEc2Url_FailsFast_NamingIt()
    {
        var result = await AssertRefusedAsync(["capture", "--ec2-url", "http://127.0.0.1:1", "--out", Polls], "--ec2-url http://127.0.0.1:1");
        Assert.Contains("cannot reach it", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capture_WithAMalformedEndpointId_NamesTheOptionAndTheValue() =>
        await AssertRefusedAsync(["capture", "--ec2-url", "http://127.0.0.1:1", "--out", Polls, "--endpoint-ids", "vpn-0123"],
            "--endpoint-ids must be comma-separated Client VPN endpoint IDs such as cvpn-endpoint-0123456789abcdef0 ('vpn-0123' is not one)");

    [Fact]
    public async Task Capture_WithAnEndpointIdEc2DoesNotKnow_NamesIt()
    {
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(Path.Combine(Snapshots, "2026-03-02T0945Z.json")));

        var result = await CvpnAudit.RunAsync("capture", "--ec2-url", emulator.Url.ToString(), "--out", Polls,
            "--endpoint-ids", $"{CorporateEndpoint},cvpn-endpoint-0000000000000dead");

        // EC2 says so once the capture has begun, after its progress notice.
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var line = CliAssert.OneErrorLine(result, "--endpoint-ids: ");
        Assert.Contains("InvalidClientVpnEndpointId.NotFound", line, StringComparison.Ordinal);
        Assert.Contains("cvpn-endpoint-0000000000000dead", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Polls));
    }

    [Theory]
    [InlineData("--targets", "111111111111", "--targets: '111111111111' is not ACCOUNT:REGION")]
    [InlineData("--targets", "111111111111:eu-west-1,111111111111:eu-west-1", "--targets names 111111111111:eu-west-1 twice")]
    [InlineData("--account", "1234", "--account must be a 12-digit AWS account ID, got '1234'")]
    [InlineData("--region", "Ireland", "--region must be an AWS region name such as eu-west-1, got 'Ireland'")]
    public async Task Capture_WithAMalformedTarget_NamesTheOptionAndTheValue(string option, string value, string culprit) =>
        await AssertRefusedAsync(["capture", "--ec2-url", "http://127.0.0.1:1", "--out", Polls, option, value], culprit);

    [Theory]
    [InlineData("--account", "111111111111", "--targets names the account and region of each target: leave out --account and --region")]
    [InlineData("--region", "eu-west-1", "--targets names the account and region of each target: leave out --account and --region")]
    [InlineData("--endpoint-ids", CorporateEndpoint, "--endpoint-ids names endpoints of one target: leave it out with --targets")]
    public async Task Capture_WithTargetsAndAnOptionOfOneTarget_SaysToLeaveItOut(string option, string value, string culprit) =>
        await AssertRefusedAsync(["capture", "--ec2-url", "http://127.0.0.1:1", "--out", Polls, "--targets", "111111111111:eu-west-1", option, value],
            culprit);

    [Fact]
    public async Task Capture_IntoAPathThatIsAFile_NamesIt()
    {
        var file = _folder.File("polls.json");
        await File.WriteAllTextAsync(file, "not a folder");

        await AssertRefusedAsync(["capture", "--ec2-url", "http://127.0.0.1:1", "--out", file], $"--out: {file} is a file");

        Assert.Equal("not a folder", await File.ReadAllTextAsync(file));
    }

    [Theory]
    [InlineData]
    [InlineData("--targets", "111111111111:eu-west-1,111111111111:us-east-1")]
    [InlineData("--account", "111111111111")]
    public async Task Capture_FromAwsWithoutCredentials_SaysSo(params string[] more)
    {
        var result = await CvpnAuditProcess.RunAsync("dotnet", [CvpnAuditProcess.Program, "capture", "--aws", "--out", Polls, .. more],
            _folder.Path, NoAwsCredentials.Environment(_folder, "us-east-1"));

        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        var line = CliAssert.OneErrorLine(result, "--aws: no AWS credentials");
        Assert.False(Directory.Exists(Polls), line);
    }

    public void Dispose() => _folder.Dispose();

    private async Task<CliResult> AssertRefusedAsync(string[] args, string culprit)
    {
        var result = await CvpnAudit.RunAsync(args);

        CliAssert.BadInput(result, culprit);
        Assert.False(Directory.Exists(Polls), "no folder, no file");
        return result;
    }
}
