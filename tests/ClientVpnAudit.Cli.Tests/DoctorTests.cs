using ClientVpnAudit.Cli.Tests.Support;
using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>
/// `cvpn-audit doctor` against the demo archive (served by `cvpn-audit dynamodb`) and the emulator serving the demo's
/// last poll: every line and the exit code, healthy and broken. dynalite has no TTL and no point-in-time recovery to
/// report, so those lines are ? throughout.
/// </summary>
[Collection(DemoArchiveCollection.Name)]
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class DoctorTests(DemoArchiveFixture demo)
{
    /// <summary>The demo's last complete listing of every live endpoint: the 11:30 poll's CapturedAt.</summary>
    private const string LastListing = "2026-03-02T11:30:00Z";

    /// <summary>The oldest of the live endpoints' listings (they tie at 11:30: the first by id).</summary>
    private const string OldestEndpoint = Demo.ContractorEndpoint;

    private const string EndpointsAllowed = "✓ ec2:DescribeClientVpnEndpoints is allowed";
    private const string ConnectionsAllowed = $"✓ ec2:DescribeClientVpnConnections is allowed (asked about {Demo.CorporateEndpoint})";
    private const string TableMatches =
        "✓ table ClientVpnSessions is ACTIVE, keyed on ConnectionId, with the indexes ByEndpoint, ByIdentity, ActiveByEndpoint and ByEstablishedDay";
    private const string LocalTimeToLive =
        "? TTL on ExpiresAt: this store answers DISABLED (a local table has no TTL; the deployed stack enables it)";
    private const string LocalPointInTimeRecovery =
        "? point-in-time recovery: cannot tell: this DynamoDB does not support DescribeContinuousBackups";

    private static readonly string LastPoll = Path.Combine(Demo.Snapshots, "2026-03-02T1130Z.json");

    /// <summary>Five minutes after the demo's last listing.</summary>
    private static readonly DateTimeOffset SoonAfterTheDemo = new(2026, 3, 2, 11, 35, 4, TimeSpan.Zero);

    [Fact]
    public async Task Doctor_OfTheDemoArchiveFiveMinutesAfterItsLastListing_PassesEveryCheck_AndExitsZero()
    {
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(LastPoll));

        var result = await DoctorAsync(SoonAfterTheDemo, emulator.Url);

        AssertLines(result, ExitCodes.Success,
            Reachable(emulator.Url),
            EndpointsAllowed,
            ConnectionsAllowed,
            TableMatches,
            LocalTimeToLive,
            LocalPointInTimeRecovery,
            $"✓ the archive is fresh: every live endpoint was listed completely within 30 minutes; the oldest, {OldestEndpoint}, at {LastListing}, 5 minutes ago");
        Assert.Equal([$"cvpn-audit: checking EC2 at {emulator.Url} and table ClientVpnSessions at {demo.DynamoDbUrl}"], result.ErrorLines);
    }

    [Fact]
    public async Task Doctor_WhenTheEmulatorDeniesDescribeClientVpnConnections_FailsThatLine_NamingTheIamActionToGrant()
    {
        await using var emulator = await ServingCommand.StartAsync("emulator", LastPoll, "--port", "0", "--deny", "DescribeClientVpnConnections");

        var result = await DoctorAsync(SoonAfterTheDemo, emulator.Url);

        AssertLines(result, ExitCodes.RunFailed,
            Reachable(emulator.Url),
            EndpointsAllowed,
            "✗ ec2:DescribeClientVpnConnections is not allowed (UnauthorizedOperation); fix: grant ec2:DescribeClientVpnConnections "
                + "to the identity doctor runs as (the stack grants it to the archiver's role)",
            TableMatches,
            LocalTimeToLive,
            LocalPointInTimeRecovery,
            $"✓ the archive is fresh: every live endpoint was listed completely within 30 minutes; the oldest, {OldestEndpoint}, at {LastListing}, 5 minutes ago");
    }

    [Fact]
    public async Task Doctor_WhenDescribeClientVpnEndpointsIsDenied_FailsThatLine_AndHasNoEndpointToAskAboutConnections()
    {
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(LastPoll));
        emulator.Faults.Deny("DescribeClientVpnEndpoints");

        var result = await DoctorAsync(SoonAfterTheDemo, emulator.Url);

        Assert.Equal(ExitCodes.RunFailed, result.ExitCode);
        Assert.Equal(
            [
                "✗ ec2:DescribeClientVpnEndpoints is not allowed (UnauthorizedOperation); fix: grant ec2:DescribeClientVpnEndpoints "
                    + "to the identity doctor runs as (the stack grants it to the archiver's role)",
                "? ec2:DescribeClientVpnConnections: no endpoint to ask about (the endpoints cannot be listed: see the line above)",
            ],
            result.OutLines.Skip(1).Take(2));
    }

    [Fact]
    public async Task Doctor_OfAMissingTable_FailsWithTheFix_AndAsksNothingMoreOfIt_NorCreatesIt()
    {
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(LastPoll));

        var result = await DoctorAsync(SoonAfterTheDemo, emulator.Url, "--table", "NoSuchTable");

        AssertLines(result, ExitCodes.RunFailed,
            Reachable(emulator.Url),
            EndpointsAllowed,
            ConnectionsAllowed,
            $"✗ table NoSuchTable does not exist at {demo.DynamoDbUrl}; fix: deploy the stack, or name the right table with --table "
                + "(the stack's TableName output); locally, `cvpn-audit replay` or `run` creates it",
            "? TTL on ExpiresAt: not asked: no table",
            "? point-in-time recovery: not asked: no table",
            "? archive freshness: not asked: no table");
        var sessions = await demo.SessionsAsync("--table", "NoSuchTable");
        Assert.True(sessions.ExitCode == ExitCodes.BadInput, sessions.ToString());
        Assert.Contains("table NoSuchTable does not exist", sessions.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_MonthsAfterTheLastListing_SaysTheArchiverHasNotListedForMonths_AndFails()
    {
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(LastPoll));

        var result = await DoctorAsync(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero), emulator.Url);

        AssertLines(result, ExitCodes.RunFailed,
            Reachable(emulator.Url),
            EndpointsAllowed,
            ConnectionsAllowed,
            TableMatches,
            LocalTimeToLive,
            LocalPointInTimeRecovery,
            $"✗ the archiver has not listed {OldestEndpoint} completely for 3 months: its last complete listing was at {LastListing}; "
                + "fix: check that the archiver's schedule runs and its runs succeed (docs/operations.md, \"Runbook: when an alarm fires\")");
    }

    [Fact]
    public async Task Doctor_HalfAnHourAfterTheLastListing_CallsTheArchiveStale()
    {
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Load(LastPoll));

        var result = await DoctorAsync(new DateTimeOffset(2026, 3, 2, 12, 0, 4, TimeSpan.Zero), emulator.Url);

        Assert.Equal(ExitCodes.RunFailed, result.ExitCode);
        Assert.StartsWith($"✗ the archiver has not listed {OldestEndpoint} completely for 30 minutes: ", result.OutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_WhenNothingAnswersAtTheEc2Url_FailsTheFirstLine_AndAsksEc2Nothing()
    {
        var nowhere = new Uri("http://127.0.0.1:1/");

        var result = await DoctorAsync(SoonAfterTheDemo, nowhere);

        AssertLines(result, ExitCodes.RunFailed,
            "✗ EC2 at http://127.0.0.1:1/ does not answer (Connection refused); fix: start it (`cvpn-audit emulator FILE --port N`), "
                + "or correct --ec2-url",
            "? ec2:DescribeClientVpnEndpoints: not asked: EC2 does not answer (see the first line)",
            "? ec2:DescribeClientVpnConnections: not asked: EC2 does not answer (see the first line)",
            TableMatches,
            LocalTimeToLive,
            LocalPointInTimeRecovery,
            $"✓ the archive is fresh: every live endpoint was listed completely within 30 minutes; the oldest, {OldestEndpoint}, at {LastListing}, 5 minutes ago");
    }

    private Task<CliResult> DoctorAsync(DateTimeOffset now, Uri ec2Url, params string[] more) =>
        CvpnAudit.RunAtAsync(now, ["doctor", "--ec2-url", ec2Url.ToString(), "--dynamodb-url", demo.DynamoDbUrl.ToString(), .. more]);

    private string Reachable(Uri ec2Url) => $"✓ EC2 at {ec2Url} and DynamoDB at {demo.DynamoDbUrl} answer";

    private static void AssertLines(CliResult result, int exitCode, params string[] lines)
    {
        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Equal(lines, result.OutLines);
    }
}
