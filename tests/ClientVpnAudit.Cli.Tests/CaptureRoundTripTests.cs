using System.Globalization;
using System.Text.Json.Nodes;
using ClientVpnAudit.Cli.Store;
using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>
/// Capturing the emulator while it serves a snapshot gives back exactly that snapshot's endpoints and connections: the
/// capture inverts what the emulator serves, field by field, through the real SDK. So does capturing each target of
/// a file of several with --targets.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class CaptureRoundTripTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public static TheoryData<string> ServedFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Demo.Snapshots, "*.json").Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        }

        files.Add(Path.Combine("events", "seed-example.json"));
        files.Add(Path.Combine("tests", "ClientVpnAudit.Emulator.Tests", "Snapshots", "with-endpoints.json"));
        return files;
    }

    [Theory]
    [MemberData(nameof(ServedFiles))]
    public async Task Capture_OfTheEmulatorServingASnapshot_GivesBackExactlyItsEndpointsAndConnections(string file)
    {
        var path = Path.Combine(RepositoryPaths.Root, file);
        var original = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        var (account, region) = ((string?)original["AccountId"], (string?)original["Region"]);
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(path));

        var capture = await CaptureRun.RunAsync(emulator.Url, _folder.Path,
            [.. account is null ? [] : new[] { "--account", account }, .. region is null ? [] : new[] { "--region", region }]);

        Assert.Equal(["CapturedAt", .. account is null ? Array.Empty<string>() : ["AccountId"], "Region", "Connections", "ClientVpnEndpoints"],
            capture.Json.Select(member => member.Key));
        Assert.Equal(account, (string?)capture.Json["AccountId"]);
        Assert.Equal(region ?? ExplicitEndpointClients.Region(), (string?)capture.Json["Region"]);
        AssertSameItems(original["Connections"]!.AsArray(), capture.Connections, "ConnectionId");
        AssertSameItems(original["ClientVpnEndpoints"]?.AsArray() ?? EndpointsNamedBy(original["Connections"]!.AsArray()),
            capture.Endpoints, "ClientVpnEndpointId");
        Assert.Contains($"Captured {capture.Endpoints.Count} endpoint", capture.Result.Out, StringComparison.Ordinal);
        Assert.Contains($" and {capture.Connections.Count} connection", capture.Result.Out, StringComparison.Ordinal);
    }

    public static TheoryData<string> MultiTargetFiles()
    {
        var files = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(MultiTarget.Polls, "*.json").Order(StringComparer.Ordinal))
        {
            files.Add(Path.GetFileName(file));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(MultiTargetFiles))]
    public async Task CaptureOfTargets_OfTheEmulatorServingAFileOfSeveral_GivesBackExactlyItsTargets(string file)
    {
        var path = Path.Combine(MultiTarget.Polls, file);
        var original = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        var targets = original["Targets"]!.AsArray().Select(target => $"{target!["AccountId"]}:{target["Region"]}");
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.LoadPoll(path));

        var capture = await CaptureRun.RunAsync(emulator.Url, _folder.Path, "--targets", string.Join(",", targets));

        Assert.Equal(["CapturedAt", "Targets"], capture.Json.Select(member => member.Key));
        Assert.Equal(original["Targets"]!.AsArray().Count, capture.Targets.Count);
        foreach (var (want, got) in original["Targets"]!.AsArray().Zip(capture.Targets))
        {
            Assert.True(JsonNode.DeepEquals(want, got), $"served {want!.ToJsonString()}\ncaptured {got!.ToJsonString()}");
        }

        // Each target through its own client: the access key id is its account, the signing region its region.
        Assert.Equal(targets, emulator.Requests.Where(request => request.Action == "DescribeClientVpnEndpoints" && request.Status == 200)
            .Select(request => $"{request.AccessKeyId}:{request.Region}"));
        Assert.Contains("Captured 5 endpoints and ", capture.Result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Capture_WithAccountAndRegion_OfTheEmulatorServingAFileOfSeveral_GivesBackThatTarget()
    {
        var path = Path.Combine(MultiTarget.Polls, "2026-03-02T0905Z.json");
        var target = JsonNode.Parse(await File.ReadAllTextAsync(path))!["Targets"]![2]!;
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.LoadPoll(path));

        var capture = await CaptureRun.RunAsync(emulator.Url, _folder.Path, "--account", MultiTarget.AccountB, "--region", MultiTarget.Eu);

        Assert.Equal(["CapturedAt", "AccountId", "Region", "Connections", "ClientVpnEndpoints"], capture.Json.Select(member => member.Key));
        var captured = capture.Json.DeepClone().AsObject();
        captured.Remove("CapturedAt");
        Assert.True(JsonNode.DeepEquals(target, captured), $"served {target.ToJsonString()}\ncaptured {captured.ToJsonString()}");
    }

    [Fact]
    public async Task Capture_IsNamedByItsCapturedAt_WhichIsWhenItStarted_InUtcToTheSecond()
    {
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(Path.Combine(Demo.Snapshots, "2026-03-02T0900Z.json")));

        var capture = await CaptureRun.RunAsync(emulator.Url, _folder.Path);

        Assert.Equal(_folder.Path, Path.GetDirectoryName(capture.File));
        Assert.Equal(capture.CapturedAt.ToString("yyyy-MM-dd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + ".json", Path.GetFileName(capture.File));
        Assert.InRange(capture.CapturedAt, capture.StartedBefore.AddSeconds(-1), capture.EndedAfter);
        Assert.Equal(capture.CapturedAt, SnapshotLoader.Load(capture.File).CapturedAt);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>What the emulator lists for a snapshot without ClientVpnEndpoints: the endpoints its connections name.</summary>
    private static JsonArray EndpointsNamedBy(JsonArray connections) =>
    [
        .. connections.Select(connection => (string)connection!["ClientVpnEndpointId"]!).Distinct(StringComparer.Ordinal)
            .Select(id => new JsonObject { ["ClientVpnEndpointId"] = id, ["Status"] = new JsonObject { ["Code"] = "available" } }),
    ];

    private static void AssertSameItems(JsonArray expected, JsonArray actual, string idName)
    {
        Assert.Equal(expected.Select(item => (string?)item![idName]), actual.Select(item => (string?)item![idName]));
        foreach (var (want, got) in expected.Zip(actual))
        {
            Assert.True(JsonNode.DeepEquals(want, got), $"served {want!.ToJsonString()}\ncaptured {got!.ToJsonString()}");
        }
    }
}
