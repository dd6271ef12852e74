using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Cli.Tests.Support.Demo;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>A folder of captures is a folder of polls: `replay` archives them in the order they were taken.</summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class CaptureReplayTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task Replay_OfTwoCapturedPolls_ArchivesThemInTheOrderTheyWereTaken()
    {
        var polls = _folder.File("my-polls");
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(Path.Combine(Snapshots, "2026-03-02T0900Z.json")));
        var first = await CaptureRun.RunAsync(emulator.Url, polls);
        await WaitForTheNextSecondAsync(first.CapturedAt);
        emulator.Serve(SnapshotLoader.Load(Path.Combine(Snapshots, "2026-03-02T0905Z.json")));
        var second = await CaptureRun.RunAsync(emulator.Url, polls);

        var replay = await CvpnAudit.RunAsync("replay", polls, "--data-dir", _folder.File("data"));

        Assert.True(replay.ExitCode == ExitCodes.Success, replay.ToString());
        Assert.Equal([$"[  1/2] {Path.GetFileNameWithoutExtension(first.File)}", $"[  2/2] {Path.GetFileNameWithoutExtension(second.File)}"],
            replay.ErrorLines.Where(line => line.StartsWith('[')).Select(line => line[..(line.IndexOf(".json", StringComparison.Ordinal))]));
        var sessions = await CvpnAudit.RunAsync("sessions", "--data-dir", _folder.File("data"), "--output", "json");
        var bob = SessionsJson.Parse(sessions.Out).Single(session => session.GetProperty("ConnectionId").GetString() == BobMorning);
        Assert.Equal("terminated", bob.GetProperty("Status").GetString()); // he disconnects at 09:03:12, between the polls
    }

    public void Dispose() => _folder.Dispose();

    private static async Task WaitForTheNextSecondAsync(DateTimeOffset capturedAt)
    {
        while (DateTimeOffset.UtcNow < capturedAt.AddSeconds(1))
        {
            await Task.Delay(50);
        }
    }
}
