using System.Text.Json;
using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Cli.Tests.Support.MultiTarget;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>The multi-target sample replayed by the CLI into a local archive: one archiver run per poll and target.</summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class MultiTargetReplayTests(MultiTargetArchiveFixture archive) : IClassFixture<MultiTargetArchiveFixture>
{
    private static readonly string[] Runs =
    [
        $"2026-03-02T0900Z.json {AccountA}:{Eu}", $"2026-03-02T0900Z.json {AccountA}:{Us}",
        $"2026-03-02T0900Z.json {AccountB}:{Eu}", $"2026-03-02T0900Z.json {AccountB}:{Us}",
        $"2026-03-02T0905Z.json {AccountA}:{Eu}", $"2026-03-02T0905Z.json {AccountA}:{Us}",
        $"2026-03-02T0905Z.json {AccountB}:{Eu}", $"2026-03-02T0905Z.json {AccountB}:{Us}",
    ];

    [Fact]
    public void Replay_RunsTheArchiverOncePerPollAndTarget_AndSaysSoInTheProgressAndTheSummary()
    {
        var replay = archive.Replay;

        Assert.True(replay.ExitCode == ExitCodes.Success, replay.ToString());
        Assert.Contains("replaying 2 polls of 4 targets (8 archiver runs) into ", replay.Error, StringComparison.Ordinal);
        var progress = replay.ErrorLines.Where(line => line.StartsWith('[')).ToList();
        Assert.Equal(Runs.Select((run, index) => $"[{index + 1,3}/8] {run}  "), progress.Select(line => line[..(line.IndexOf("  ", 8, StringComparison.Ordinal) + 2)]));
        Assert.All(Runs, run => Assert.Contains($"│ {run} │", replay.Out, StringComparison.Ordinal));
        foreach (var id in new[] { Alice, Bob, Carol, Dave, LabBastion, Frank, Grace })
        {
            Assert.Contains(id, replay.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Replay_RecordsEachSessionUnderItsTargetsAccountAndRegion()
    {
        var sessions = await archive.SessionsAsync();

        Assert.Equal(new Dictionary<string, string>
        {
            [Alice] = $"{AccountA}:{Eu}",
            [Bob] = $"{AccountA}:{Eu}",
            [Carol] = $"{AccountA}:{Us}",
            [Dave] = $"{AccountB}:{Eu}",
            [LabBastion] = $"{AccountB}:{Eu}",
            [Frank] = $"{AccountB}:{Us}",
            [Grace] = $"{AccountB}:{Us}",
        }, sessions.ToDictionary(session => Text(session, "ConnectionId")!, session => $"{Text(session, "AccountId")}:{Text(session, "Region")}"));
    }

    [Theory]
    [InlineData(AccountA, Eu, new[] { Alice, Bob })]
    [InlineData(AccountA, Us, new[] { Carol })]
    [InlineData(AccountB, Eu, new[] { LabBastion, Dave })]
    [InlineData(AccountB, Us, new[] { Frank, Grace })]
    public async Task Sessions_ByAccountAndRegion_SelectExactlyThatTargetsSessions(string account, string region, string[] expected)
    {
        var sessions = await archive.SessionsAsync("--account", account, "--region", region);

        Assert.Equal(expected, sessions.Select(session => Text(session, "ConnectionId")));
    }

    [Fact]
    public async Task Replay_ClosesADeletedEndpointsSessionWithinItsOwnTarget_AndNoSessionAnotherTargetDoesNotList()
    {
        var sessions = (await archive.SessionsAsync()).ToDictionary(session => Text(session, "ConnectionId")!);

        // Listed by their own target in the second poll: still active, never marked lost by the other targets' runs.
        foreach (var id in new[] { Alice, Carol, Dave, Grace })
        {
            Assert.Equal("active", Text(sessions[id], "Status"));
            Assert.Null(Text(sessions[id], "MissingSince"));
        }

        Assert.Equal(("terminated", "2026-03-02T09:03:12Z"), (Text(sessions[Bob], "Status"), Text(sessions[Bob], "ConnectionEndTime")));
        // The Lab endpoint is deleted in the second poll of its own target: its open session is closed at that poll.
        Assert.Equal(("terminated", "2026-03-02T09:05:00Z"), (Text(sessions[LabBastion], "Status"), Text(sessions[LabBastion], "MissingSince")));
        Assert.Equal(("222222222222", "eu-west-1"), (Text(sessions[LabBastion], "AccountId"), Text(sessions[LabBastion], "Region")));
    }

    private static string? Text(JsonElement session, string name) =>
        session.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>The multi-target sample replayed once into its own data folder.</summary>
public sealed class MultiTargetArchiveFixture : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new();

    private string DataDirectory => Path.Combine(_folder.Path, "data");

    internal CliResult Replay { get; private set; } = null!;

    /// <summary>`sessions --output json` on the replayed archive, with more arguments.</summary>
    internal async Task<IReadOnlyList<JsonElement>> SessionsAsync(params string[] args)
    {
        var result = await CvpnAudit.RunAsync(["sessions", "--data-dir", DataDirectory, "--output", "json", .. args]);
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        return SessionsJson.Parse(result.Out);
    }

    public async Task InitializeAsync() => Replay = await CvpnAudit.RunAsync("replay", Polls, "--data-dir", DataDirectory);

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
