using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Cli.Tests.Support;

/// <summary>A successful `cvpn-audit capture --ec2-url URL --out FOLDER`, run in-process, and the file it says it wrote.</summary>
internal sealed partial record CaptureRun(CliResult Result, string File, JsonObject Json, DateTimeOffset StartedBefore, DateTimeOffset EndedAfter)
{
    public static async Task<CaptureRun> RunAsync(Uri ec2Url, string folder, params string[] more)
    {
        var before = DateTimeOffset.UtcNow;
        var result = await CvpnAudit.RunAsync(["capture", "--ec2-url", ec2Url.ToString(), "--out", folder, .. more]);
        var after = DateTimeOffset.UtcNow;

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var file = WrittenFile().Match(result.Out.Trim()) is { Success: true } match ? match.Groups[1].Value : null;
        Assert.True(file is not null && System.IO.File.Exists(file), result.ToString());
        return new CaptureRun(result, file, JsonNode.Parse(await System.IO.File.ReadAllTextAsync(file))!.AsObject(), before, after);
    }

    /// <summary>The connections of a single-target file.</summary>
    public JsonArray Connections => Json["Connections"]!.AsArray();

    /// <summary>The endpoints of a single-target file.</summary>
    public JsonArray Endpoints => Json["ClientVpnEndpoints"]!.AsArray();

    /// <summary>The targets of a file of several.</summary>
    public JsonArray Targets => Json["Targets"]!.AsArray();

    /// <summary>CapturedAt, read strictly (as the snapshot loader reads it).</summary>
    public DateTimeOffset CapturedAt =>
        DateTimeOffset.ParseExact(Json["CapturedAt"]!.GetValue<string>(), CaptureTime.Format, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    [GeneratedRegex(@"^Captured \d+ endpoints? and \d+ connections? into (.+)$")]
    private static partial Regex WrittenFile();
}
