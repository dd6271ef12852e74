using System.Diagnostics;
using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>
/// Each kind of bad input: exit code 2, one line on stderr that names the culprit, no stack trace, and the archive
/// still holds exactly what it held.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class BadInputTests : IClassFixture<BadInputTests.SmallArchive>, IDisposable
{
    private readonly SmallArchive _archive;
    private readonly TemporaryFolder _folder = new();

    public BadInputTests(SmallArchive archive) => _archive = archive;

    /// <summary>The first three demo polls, archived once for the class; every test checks they are still all there.</summary>
    public sealed class SmallArchive : IAsyncLifetime
    {
        private readonly TemporaryFolder _folder = new();

        public string DataDirectory => Path.Combine(_folder.Path, "data");

        public string Sessions { get; private set; } = "";

        public async Task InitializeAsync()
        {
            var polls = Directory.CreateDirectory(Path.Combine(_folder.Path, "polls")).FullName;
            Demo.CopyPolls(polls, 3);
            var replay = await CvpnAudit.RunAsync("replay", polls, "--data-dir", DataDirectory);
            Assert.True(replay.ExitCode == ExitCodes.Success, replay.ToString());
            Sessions = (await CvpnAudit.RunAsync("sessions", "--data-dir", DataDirectory, "--output", "json")).Out;
            Assert.Equal(6, SessionsJson.Parse(Sessions).Count);
        }

        public Task DisposeAsync()
        {
            _folder.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Replay_OfAMissingFolder_NamesIt()
    {
        var missing = _folder.File("no-such-folder");
        await AssertRefusedAsync(["replay", missing], missing);
    }

    [Fact]
    public async Task Replay_WithAFileThatIsNotJson_NamesTheFileAndTheLine_AndAppliesNoPoll()
    {
        var polls = PollsWith("02-broken.json", "{\n  \"Connections\": [\n    {\"ClientVpnEndpointId\": \"cvpn-endpoint-0c1f4a7d2e9b35601\",\n  ]\n}\n");

        var result = await AssertRefusedAsync(["replay", polls], "02-broken.json");

        Assert.Contains("line 4", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_WithAConnectionLackingItsEndpoint_NamesTheFileAndTheConnection_AndAppliesNoPoll()
    {
        var polls = PollsWith("02-no-endpoint.json", """{"Connections": [{"ConnectionId": "cvpn-connection-0aaaaaaaaaaaaaaa1"}]}""");

        var result = await AssertRefusedAsync(["replay", polls], "02-no-endpoint.json");

        Assert.Contains("Connections[0] has no ClientVpnEndpointId", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emulator_OfAMissingFile_NamesIt()
    {
        var missing = _folder.File("missing.json");
        await AssertRefusedAsync(["emulator", missing], missing);
    }

    [Fact]
    public async Task Emulator_DenyingAnActionItDoesNotServe_NamesIt()
    {
        var result = await AssertRefusedAsync(["emulator", Path.Combine(Demo.Snapshots, "2026-03-02T0900Z.json"), "--deny", "DescribeInstances"],
            "--deny: 'DescribeInstances'");

        Assert.Contains("DescribeClientVpnEndpoints or DescribeClientVpnConnections", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_WithAnUnknownOutput_NamesTheOptionAndTheValue()
    {
        var result = await AssertRefusedAsync(["sessions", "--output", "xml"], "--output");
        Assert.Contains("'xml'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--account", "1234")]
    [InlineData("--region", "Ireland")]
    public async Task Sessions_WithAMalformedAccountOrRegion_NamesTheOptionAndTheValue(string option, string value) =>
        await AssertRefusedAsync(["sessions", option, value], $"{option} must be");

    [Fact]
    public async Task Replay_OfAFileNamingAMalformedAccount_NamesTheFile_AndAppliesNoPoll()
    {
        var polls = Directory.CreateDirectory(Path.Combine(_folder.Path, "bad-account")).FullName;
        Demo.CopyPolls(polls, 2);
        var second = Directory.GetFiles(polls).Order(StringComparer.Ordinal).Last();
        File.WriteAllText(second, File.ReadAllText(second).Replace("\"123456789012\"", "\"1234\"", StringComparison.Ordinal));

        await AssertRefusedAsync(["replay", polls], $"replay: {Path.GetFileName(second)}: AccountId must be a 12-digit AWS account ID");
    }

    [Fact]
    public async Task Replay_OfATargetNamingAMalformedRegion_NamesTheFileAndTheTarget_AndAppliesNoPoll()
    {
        var polls = Directory.CreateDirectory(Path.Combine(_folder.Path, "bad-region")).FullName;
        foreach (var file in Directory.GetFiles(MultiTarget.Polls, "*.json"))
        {
            File.Copy(file, Path.Combine(polls, Path.GetFileName(file)));
        }

        var second = Directory.GetFiles(polls, "*.json").Order(StringComparer.Ordinal).Last();
        var json = File.ReadAllText(second);
        var third = json.IndexOf("\"Region\": \"eu-west-1\"", json.IndexOf("222222222222", StringComparison.Ordinal), StringComparison.Ordinal);
        File.WriteAllText(second, json[..third] + "\"Region\": \"Ireland\"" + json[(third + "\"Region\": \"eu-west-1\"".Length)..]);

        await AssertRefusedAsync(["replay", polls], $"replay: {Path.GetFileName(second)}: Targets[2].Region must be an AWS region name such as eu-west-1");
    }

    [Fact]
    public async Task Replay_OfSeveralTargetsWithEndpointIds_SaysToLeaveThemOut() =>
        await AssertRefusedAsync(["replay", MultiTarget.Polls, "--endpoint-ids", MultiTarget.CorporateEu],
            "--endpoint-ids names endpoints of one target: leave it out of a replay of 4 targets");

    [Fact]
    public async Task Replay_OfAFileWithTargetsAndTopLevelConnections_NamesTheFile()
    {
        var polls = Directory.CreateDirectory(Path.Combine(_folder.Path, "both-forms")).FullName;
        File.WriteAllText(Path.Combine(polls, "a.json"),
            """{"Connections": [], "Targets": [{"AccountId": "111111111111", "Region": "eu-west-1", "Connections": []}]}""");

        await AssertRefusedAsync(["replay", polls], "a.json: has both Targets and a top-level Connections");
    }

    [Fact]
    public async Task Sessions_WithSinceAfterUntil_NamesBoth()
    {
        var result = await AssertRefusedAsync(["sessions", "--since", "2026-03-02T10:00:00Z", "--until", "2026-03-02"], "--since 2026-03-02T10:00:00Z");
        Assert.Contains("--until 2026-03-02", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--since", "yesterday")]
    [InlineData("--until", "2026-13-40")]
    [InlineData("--since", "03/02/2026")]
    public async Task Sessions_WithAnUnparseableTime_NamesTheOptionAndTheValue(string option, string value)
    {
        var result = await AssertRefusedAsync(["sessions", option, value], option);
        Assert.Contains($"'{value}'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_WithAnUnreachableDynamoDbUrl_FailsWithoutWaitingOutRetries()
    {
        string[] args = ["sessions", "--dynamodb-url", "http://127.0.0.1:1", "--table", "Sessions"];
        var timer = Stopwatch.StartNew();
        var result = await CvpnAudit.RunAsync(args);
        timer.Stop();

        CliAssert.BadInput(result, "--dynamodb-url http://127.0.0.1:1");
        Assert.Contains("cannot reach it", result.Error, StringComparison.Ordinal);
        // The SDK's retries with backoff and its 100-second request timeout are what this rules out; the bound is loose
        // enough for a process start on a loaded machine.
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(20), $"took {timer.Elapsed}");
    }

    [Fact]
    public async Task Export_WithAnUnknownFormat_NamesIt() =>
        await AssertRefusedAsync(["export", "--format", "xlsx", "--out", _folder.File("x.xlsx")], "--format");

    [Fact]
    public async Task Export_IntoAMissingFolder_NamesIt_AndWritesNothing()
    {
        var target = Path.Combine(_folder.Path, "missing", "audit.csv");
        await AssertRefusedAsync(["export", "--format", "csv", "--out", target], Path.Combine(_folder.Path, "missing"));
    }

    [Fact]
    public async Task Replay_WithAnOutOfRangeArchiverSetting_NamesTheOption()
    {
        var polls = PollsWith("02.json", File.ReadAllText(Path.Combine(Demo.Snapshots, "2026-03-02T1130Z.json")));
        await AssertRefusedAsync(["replay", polls, "--active-refresh-minutes", "-5"], "--active-refresh-minutes");
    }

    [Fact]
    public async Task Run_WithoutAnEc2Source_SaysWhatItNeeds() =>
        await AssertRefusedAsync(["run"], "--ec2-url");

    [Fact]
    public async Task Aws_WithoutTable_SaysItIsRequired() =>
        await AssertRefusedAsync(["sessions", "--aws"], "--table");

    [Fact]
    public async Task UnknownCommand_IsNamed() =>
        await AssertRefusedAsync(["archive-everything"], "archive-everything");

    [Fact]
    public async Task Aws_WithoutCredentials_SaysSo()
    {
        var result = await CvpnAuditProcess.RunAsync("dotnet", [CvpnAuditProcess.Program, "sessions", "--aws", "--table", "ClientVpnSessions"],
            _folder.Path, NoAwsCredentials.Environment(_folder, "us-east-1"));

        CliAssert.BadInput(result, "--aws");
        Assert.Contains("no AWS credentials", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>A folder of polls: the last demo poll (which would add sessions), then a bad file.</summary>
    private string PollsWith(string badName, string badContent)
    {
        var polls = Directory.CreateDirectory(_folder.File("polls")).FullName;
        File.Copy(Path.Combine(Demo.Snapshots, "2026-03-02T1130Z.json"), Path.Combine(polls, "01-good.json"));
        File.WriteAllText(Path.Combine(polls, badName), badContent);
        return polls;
    }

    private async Task<CliResult> AssertRefusedAsync(string[] args, string culprit)
    {
        var usesStore = args[0] is "replay" or "sessions" or "export" or "run" && !args.Contains("--dynamodb-url") && !args.Contains("--aws");
        var result = await CvpnAudit.RunAsync(usesStore ? [.. args, "--data-dir", _archive.DataDirectory] : args);

        CliAssert.BadInput(result, culprit);
        var after = await CvpnAudit.RunAsync("sessions", "--data-dir", _archive.DataDirectory, "--output", "json");
        Assert.Equal(_archive.Sessions, after.Out);
        return result;
    }
}
