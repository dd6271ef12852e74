using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>The ./cvpn-audit script at the repository root, run as a user runs it.</summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class WrapperScriptTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task Wrapper_FromAnotherFolder_BuildsIfNeeded_AndRunsTheCommand()
    {
        var script = Path.Combine(RepositoryPaths.Root, "cvpn-audit");

        // May build the CLI first (Release, once per change of its sources): allow for a cold build.
        var result = await CvpnAuditProcess.RunAsync(script, ["sessions", "--data-dir", "archive", "--output", "json"], _folder.Path,
            timeout: TimeSpan.FromMinutes(4));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("[]", result.Out.Trim());
        Assert.True(Directory.Exists(_folder.File("archive")), "--data-dir is relative to the current folder");
        Assert.All(result.ErrorLines, line => Assert.StartsWith("cvpn-audit: ", line, StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Dispose();
}
