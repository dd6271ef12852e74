using System.Text.Json;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Cli.Tests;

[Collection(DemoArchiveCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class DemoReplayTests(DemoArchiveFixture demo)
{
    [Fact]
    public void Replay_OfTheDemo_PrintsAProgressLinePerPollThenTheSummariesAndTheSessions()
    {
        var progress = demo.Replay.ErrorLines.Where(line => line.StartsWith('[')).ToList();
        Assert.Equal(Demo.PollCount, progress.Count);
        Assert.Contains("2026-03-02T0900Z.json  5 inserted, 0 updated, 0 unchanged, 0 stale, 0 lost", progress[0], StringComparison.Ordinal);
        Assert.Contains("2026-03-02T1120Z.json  0 inserted, 5 updated, 0 unchanged, 0 stale, 1 lost", progress[14], StringComparison.Ordinal);

        var output = demo.Replay.Out;
        var summaries = output.IndexOf("Archiver runs", StringComparison.Ordinal);
        var sessions = output.IndexOf("Archived sessions", StringComparison.Ordinal);
        Assert.True(summaries >= 0 && sessions > summaries, output);
        foreach (var heading in new[] { "Poll", "Inserted", "Updated", "Unchanged", "Stale", "Lost", "Malformed", "Warnings", "Failures" })
        {
            Assert.Contains(heading, output[..sessions], StringComparison.Ordinal);
        }

        Assert.Equal(Demo.PollCount, output[..sessions].Split('\n').Count(line => line.Contains("Z.json", StringComparison.Ordinal)));
        Assert.Contains("lost by 2026-03-02T11:20:00Z", output[sessions..], StringComparison.Ordinal);
        Assert.Contains("lost by 2026-03-02T10:00:00Z", output[sessions..], StringComparison.Ordinal);
        Assert.Contains("13 sessions", output[sessions..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_AsJson_EqualTheExpectedRecordsFieldByField()
    {
        var result = await demo.SessionsAsync("--output", "json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var actual = SessionsJson.Parse(result.Out);
        var expected = SessionsJson.Parse(await File.ReadAllTextAsync(Demo.ExpectedSessions));
        Assert.Equal(expected.Select(Id), actual.Select(Id));
        foreach (var (want, got) in expected.Zip(actual))
        {
            Assert.Equal(SessionAttributes.Exported, got.EnumerateObject().Select(property => property.Name));
            foreach (var name in SessionAttributes.Exported)
            {
                Assert.True(JsonElement.DeepEquals(want.GetProperty(name), got.GetProperty(name)),
                    $"{Id(want)}.{name}: expected {want.GetProperty(name)}, got {got.GetProperty(name)}");
            }
        }
    }

    [Fact]
    public async Task Sessions_AsJson_CarryTheLostSessionAndTheTypesTheContractPromises()
    {
        var sessions = SessionsJson.Parse((await demo.SessionsAsync("--output", "json")).Out).ToDictionary(Id);

        var carol = sessions[Demo.Carol];
        Assert.Equal("terminated", carol.GetProperty("Status").GetString());
        Assert.False(carol.GetProperty("EndObserved").GetBoolean());
        Assert.Equal("2026-03-02T11:20:00Z", carol.GetProperty("MissingSince").GetString()); // the 11:20 poll's CapturedAt
        Assert.Equal(JsonValueKind.Null, carol.GetProperty("ConnectionEndTime").ValueKind);
        Assert.Equal("2026-03-02T10:00:02Z", carol.GetProperty("LastObservedAt").GetString());

        // AWS stamped heidi's end (09:40:01) a second before the last answer that still showed her active (09:40:02).
        var heidi = sessions[Demo.Heidi];
        Assert.True(heidi.GetProperty("EndObserved").GetBoolean());
        Assert.Equal("2026-03-02T09:40:01Z", heidi.GetProperty("ConnectionEndTime").GetString());
        Assert.Equal("2026-03-02T09:40:02Z", heidi.GetProperty("LastObservedAt").GetString());
        Assert.Equal(1097, heidi.GetProperty("DurationSeconds").GetInt64());

        // The Lab endpoint is deleting at 09:55 (still polled), deleted at 10:00: its open session is closed at that poll.
        var bastion = sessions[Demo.LabBastion];
        Assert.Equal("terminated", bastion.GetProperty("Status").GetString());
        Assert.False(bastion.GetProperty("EndObserved").GetBoolean());
        Assert.Equal("2026-03-02T10:00:00Z", bastion.GetProperty("MissingSince").GetString());

        var bob = sessions[Demo.BobMorning];
        Assert.True(bob.GetProperty("EndObserved").GetBoolean());
        Assert.Equal(490, bob.GetProperty("DurationSeconds").GetInt64());
        Assert.Equal(JsonValueKind.Number, bob.GetProperty("IngressBytes").ValueKind);

        Assert.Equal(["non-compliant"], sessions[Demo.Frank].GetProperty("PostureComplianceStatuses").EnumerateArray().Select(status => status.GetString()));
        Assert.Equal("2001:db8:7c00:4a2::12", sessions[Demo.JsmithLaptop].GetProperty("ClientIpv6Address").GetString());
        Assert.Equal(JsonValueKind.Null, sessions[Demo.CiRunner].GetProperty("Username").ValueKind);
        Assert.Equal("ci-runner-07.eng.example.com", sessions[Demo.CiRunner].GetProperty("Identity").GetString());
    }

    [Fact]
    public async Task Sessions_AsTable_ShowTheReadableSubset()
    {
        var result = await demo.SessionsAsync("--user", "bob");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        foreach (var text in new[] { Demo.BobMorning, Demo.BobLater, "10.100.0.22", "2026-03-02T08:55:02Z", "2026-03-02T09:03:12Z", "8m 10s", "1h 21m", "2 sessions" })
        {
            Assert.Contains(text, result.Out, StringComparison.Ordinal);
        }
    }

    private static string Id(JsonElement session) => session.GetProperty("ConnectionId").GetString()!;
}
