namespace ClientVpnAudit.Cli.Tests.Support;

/// <summary>How cvpn-audit must refuse or fail: one line on stderr that names the culprit, no stack trace, nothing on stdout.</summary>
internal static class CliAssert
{
    /// <summary>Exit code 2, and the error is the only line on stderr.</summary>
    public static void BadInput(CliResult result, string culprit)
    {
        Assert.True(result.ExitCode == ExitCodes.BadInput, result.ToString());
        Assert.Single(result.ErrorLines);
        OneErrorLine(result, culprit);
    }

    /// <summary>One error line (progress notices may come before it) that names the culprit; returns it.</summary>
    public static string OneErrorLine(CliResult result, string culprit)
    {
        var line = Assert.Single(result.ErrorLines, line => line.StartsWith("cvpn-audit: error: ", StringComparison.Ordinal));
        Assert.Equal(line, result.ErrorLines[^1]);
        Assert.Contains(culprit, line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line.Replace("no answer", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("", result.Out);
        return line;
    }
}
