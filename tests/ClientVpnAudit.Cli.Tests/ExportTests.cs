using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Cli.Tests.Support.Demo;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>`export` and the CSV output of `sessions`: the same records as the JSON output, read back from the files.</summary>
[Collection(DemoArchiveCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class ExportTests(DemoArchiveFixture demo) : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task Export_AsJson_WritesTheSessionsThatSessionsPrints()
    {
        var file = _folder.File("audit.json");

        var result = await ExportAsync("--format", "json", "--out", file);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal($"Wrote 13 sessions to {file} (json)", result.Out.Trim());
        Assert.Equal((await demo.SessionsAsync("--output", "json")).Out, await File.ReadAllTextAsync(file));
        Assert.Equal(File.ReadAllText(ExpectedSessions), await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task Export_AsCsv_WritesOneRowPerSessionWithTheAttributeNamesAsHeader()
    {
        var file = _folder.File("audit.csv");

        var result = await ExportAsync("--format", "csv", "--out", file);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal($"Wrote 13 sessions to {file} (csv)", result.Out.Trim());
        AssertCsvMatchesJson(await File.ReadAllTextAsync(file), await File.ReadAllTextAsync(ExpectedSessions));
    }

    [Fact]
    public async Task Sessions_AsCsv_CarryTheSameRecordsAsJson_WithFilters()
    {
        string[] filter = ["--endpoint", ContractorEndpoint, "--since", "2026-03-02T09:30:00Z"];

        var csv = await demo.SessionsAsync([.. filter, "--output", "csv"]);
        var json = await demo.SessionsAsync([.. filter, "--output", "json"]);

        Assert.Equal([Erin, Frank, Grace], SessionsJson.ConnectionIds(json.Out));
        AssertCsvMatchesJson(csv.Out, json.Out);
        Assert.Contains(",non-compliant,", csv.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_WithFilters_WritesOnlyTheSelectedSessions()
    {
        var file = _folder.File("bob.json");

        var result = await ExportAsync("--format", "json", "--out", file, "--user", "bob", "--until", "2026-03-02T09:30:00Z");

        Assert.Equal($"Wrote 1 session to {file} (json)", result.Out.Trim());
        Assert.Equal([BobMorning], SessionsJson.ConnectionIds(await File.ReadAllTextAsync(file)));
    }

    [Fact]
    public async Task Export_OverAnExistingFile_ReplacesItWhole_AndLeavesNoTemporaryFile()
    {
        var file = _folder.File("audit.csv");
        await File.WriteAllTextAsync(file, new string('x', 100_000));

        var result = await ExportAsync("--format", "csv", "--out", file, "--active", "--endpoint", CorporateEndpoint);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var (_, rows) = SessionsCsv.Parse(await File.ReadAllTextAsync(file));
        Assert.Equal([Alice, Dave], rows.Select(row => row[0]));
        Assert.Equal(["audit.csv"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    public void Dispose() => _folder.Dispose();

    private Task<CliResult> ExportAsync(params string[] args) => demo.RunAsync(["export", .. args]);

    private static void AssertCsvMatchesJson(string csv, string json)
    {
        var (header, rows) = SessionsCsv.Parse(csv);
        var sessions = SessionsJson.Parse(json);
        Assert.Equal(SessionAttributes.Exported, header);
        Assert.Equal(sessions.Count, rows.Count);
        foreach (var (session, row) in sessions.Zip(rows))
        {
            Assert.Equal(SessionAttributes.Exported.Select(name => SessionsCsv.Cell(session.GetProperty(name))), row);
        }
    }
}
