using System.Globalization;
using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Cli.Tests.Support.Demo;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>When EC2 fails part-way, or the file name is taken: one line that names the culprit, and no file written.</summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class CaptureFailureTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    private string Polls => _folder.File("polls");

    [Fact]
    public async Task Capture_WhenEc2RefusesAnEndpoint_FailsWithOneLineNamingTheEndpointAndTheError_AndWritesNoFile()
    {
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(Path.Combine(Snapshots, "2026-03-02T0945Z.json")));
        emulator.Faults.Unauthorized(EngineeringEndpoint);

        var result = await CvpnAudit.RunAsync("capture", "--ec2-url", emulator.Url.ToString(), "--out", Polls);

        Assert.True(result.ExitCode == ExitCodes.RunFailed, result.ToString());
        var line = CliAssert.OneErrorLine(result, $"DescribeClientVpnConnections for {EngineeringEndpoint}: ");
        Assert.Contains("UnauthorizedOperation (403)", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Polls));
    }

    [Fact]
    public async Task Capture_WhenEc2RepeatsANextToken_StopsWithOneLine_AndWritesNoFile()
    {
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(Path.Combine(Snapshots, "2026-03-02T0945Z.json")));
        emulator.Faults.RepeatNextToken(ContractorEndpoint);

        var result = await CvpnAudit.RunAsync("capture", "--ec2-url", emulator.Url.ToString(), "--out", Polls);

        Assert.True(result.ExitCode == ExitCodes.RunFailed, result.ToString());
        var line = CliAssert.OneErrorLine(result, $"DescribeClientVpnConnections for {ContractorEndpoint}");
        Assert.Contains("same NextToken twice", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Polls));
    }

    [Fact]
    public async Task Capture_WhenItsFileNameIsTaken_RefusesToOverwriteIt()
    {
        // Every name the capture could take in the next minute is taken already.
        Directory.CreateDirectory(Polls);
        var now = DateTimeOffset.UtcNow;
        for (var second = -1; second < 60; second++)
        {
            var name = now.AddSeconds(second).ToString("yyyy-MM-dd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + ".json";
            await File.WriteAllTextAsync(Path.Combine(Polls, name), "earlier poll");
        }

        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(Path.Combine(Snapshots, "2026-03-02T0945Z.json")));

        var result = await CvpnAudit.RunAsync("capture", "--ec2-url", emulator.Url.ToString(), "--out", Polls);

        CliAssert.BadInput(result, "already exists; not overwritten");
        Assert.All(Directory.GetFiles(Polls), file => Assert.Equal("earlier poll", File.ReadAllText(file)));
        Assert.Equal(61, Directory.GetFiles(Polls).Length);
    }

    public void Dispose() => _folder.Dispose();
}
