using System.Text.Json.Nodes;
using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Cli.Tests.Support.Demo;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>Replays into their own data folders: repeating one, and one whose run fails part-way.</summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class ReplayTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    private string DataDirectory => _folder.File("data");

    [Fact]
    public async Task Replay_TwiceIntoTheSameDataFolder_ChangesNothingTheSecondTime()
    {
        var first = await CvpnAudit.RunAsync("replay", Snapshots, "--data-dir", DataDirectory);
        var before = await SessionsJsonAsync();

        var second = await CvpnAudit.RunAsync("replay", Snapshots, "--data-dir", DataDirectory);

        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        Assert.True(second.ExitCode == ExitCodes.Success, second.ToString());
        var progress = second.ErrorLines.Where(line => line.StartsWith('[')).ToList();
        Assert.Equal(PollCount, progress.Count);
        // Nothing written: every snapshot is stale or brings nothing worth writing ("unchanged").
        Assert.All(progress, line => Assert.Contains(" 0 inserted, 0 updated, ", line, StringComparison.Ordinal));
        Assert.All(progress, line => Assert.EndsWith(" 0 lost", line, StringComparison.Ordinal));
        Assert.Equal(before, await SessionsJsonAsync());
    }

    [Fact]
    public async Task Replay_WhenARunFailsPartWay_StopsThere_KeepsThePollsAppliedBefore_AndExitsWithOne()
    {
        // The engineering endpoint is deleted between the first and the second poll, but still configured.
        var polls = Directory.CreateDirectory(_folder.File("polls")).FullName;
        CopyPolls(polls, 3);
        var second = Directory.GetFiles(polls).Order(StringComparer.Ordinal).ElementAt(1);
        var snapshot = JsonNode.Parse(File.ReadAllText(second))!;
        RemoveEndpoint(snapshot["Connections"]!.AsArray(), EngineeringEndpoint);
        RemoveEndpoint(snapshot["ClientVpnEndpoints"]!.AsArray(), EngineeringEndpoint);
        File.WriteAllText(second, snapshot.ToJsonString());

        var result = await CvpnAudit.RunAsync("replay", polls, "--data-dir", DataDirectory,
            "--endpoint-ids", $"{CorporateEndpoint},{EngineeringEndpoint},{ContractorEndpoint}");

        Assert.True(result.ExitCode == ExitCodes.RunFailed, result.ToString());
        Assert.Equal(2, result.ErrorLines.Count(line => line.StartsWith('[')));
        Assert.Contains($"{EngineeringEndpoint}: InvalidClientVpnEndpointId.NotFound", result.Out, StringComparison.Ordinal);
        Assert.Contains("stopped at 2026-03-02T0905Z.json", result.Error, StringComparison.Ordinal);
        var sessions = SessionsJson.Parse(await SessionsJsonAsync()).ToDictionary(session => session.GetProperty("ConnectionId").GetString()!);
        Assert.Equal("terminated", sessions[BobMorning].GetProperty("Status").GetString()); // the failed poll's other endpoints
        Assert.False(sessions.ContainsKey(JsmithLaptop)); // first listed by the third poll, which never ran
        // The endpoint answered NotFound: its open session was closed at that poll's own time, its CapturedAt.
        Assert.Equal("2026-03-02T09:05:00Z", sessions[CiRunner].GetProperty("MissingSince").GetString());
    }

    [Fact]
    public async Task Replay_OfAnEmptyPollWithoutCapturedAt_MarksNothingLost_AndSaysWhy()
    {
        var polls = Directory.CreateDirectory(_folder.File("polls")).FullName;
        CopyPolls(polls, 1);
        var empty = JsonNode.Parse(File.ReadAllText(Directory.GetFiles(polls).Single()))!.AsObject();
        empty.Remove("CapturedAt");
        empty["Connections"] = new JsonArray();
        File.WriteAllText(Path.Combine(polls, "2026-03-02T0905Z.json"), empty.ToJsonString());

        var result = await CvpnAudit.RunAsync("replay", polls, "--data-dir", DataDirectory);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("2026-03-02T0905Z.json: nothing marked lost: the snapshot has no CapturedAt and no connection with a usable Timestamp",
            result.Out, StringComparison.Ordinal);
        Assert.All(SessionsJson.Parse(await SessionsJsonAsync()), session => Assert.Equal("active", session.GetProperty("Status").GetString()));
    }

    [Fact]
    public async Task Run_AgainstTheEmulatorCommand_ArchivesOnePoll()
    {
        await using var emulator = await ServingCommand.StartAsync("emulator", Path.Combine(Snapshots, "2026-03-02T0900Z.json"), "--port", "0");

        var result = await CvpnAudit.RunAsync("run", "--ec2-url", emulator.Url.ToString(), "--data-dir", DataDirectory);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("5 inserted, 0 updated", result.Error, StringComparison.Ordinal);
        Assert.Equal([CiRunner, Alice, LabBastion, Erin, BobMorning], SessionsJson.ConnectionIds(await SessionsJsonAsync()));
    }

    [Fact]
    public async Task Run_WithAnEndpointThatFails_ShowsTheFailure_AndExitsWithOne()
    {
        await using var emulator = await ServingCommand.StartAsync("emulator", Path.Combine(Snapshots, "2026-03-02T0900Z.json"), "--port", "0");

        var result = await CvpnAudit.RunAsync("run", "--ec2-url", emulator.Url.ToString(), "--data-dir", DataDirectory,
            "--endpoint-ids", $"{CorporateEndpoint},cvpn-endpoint-0000000000000dead");

        Assert.True(result.ExitCode == ExitCodes.RunFailed, result.ToString());
        Assert.Contains("cvpn-endpoint-0000000000000dead: InvalidClientVpnEndpointId.NotFound", result.Out, StringComparison.Ordinal);
        Assert.Equal([Alice, BobMorning], SessionsJson.ConnectionIds(await SessionsJsonAsync()));
    }

    [Fact]
    public async Task DynamoDbCommand_ServesTheArchive_AndStopsDynaliteOnCtrlC()
    {
        await using var server = await ServingCommand.StartAsync("dynamodb", "--data-dir", DataDirectory, "--port", "0");
        var served = await CvpnAudit.RunAsync("sessions", "--dynamodb-url", server.Url.ToString(), "--output", "json");

        Assert.Equal(ExitCodes.Success, await server.StopAsync());

        Assert.True(served.ExitCode == ExitCodes.Success, served.ToString());
        Assert.Equal("[]", served.Out.Trim());
        using var client = new HttpClient();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync(server.Url));
        Assert.True((await CvpnAudit.RunAsync("sessions", "--data-dir", DataDirectory)).ExitCode == ExitCodes.Success, "the data folder is free again");
    }

    public void Dispose() => _folder.Dispose();

    private async Task<string> SessionsJsonAsync()
    {
        var result = await CvpnAudit.RunAsync("sessions", "--data-dir", DataDirectory, "--output", "json");
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        return result.Out;
    }

    private static void RemoveEndpoint(JsonArray items, string endpointId)
    {
        foreach (var item in items.Where(item => (string?)item!["ClientVpnEndpointId"] == endpointId).ToList())
        {
            items.Remove(item);
        }
    }
}
