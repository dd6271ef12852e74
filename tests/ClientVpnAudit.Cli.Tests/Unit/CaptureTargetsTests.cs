using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Cli.Capture;

namespace ClientVpnAudit.Cli.Tests.Unit;

public sealed class CaptureTargetsTests
{
    [Fact]
    public void Parse_ReadsAccountRegionPairs_InOrder_TrimmingSpaces() =>
        Assert.Equal([new Target("111111111111", "eu-west-1"), new Target("222222222222", "us-east-1")],
            CaptureTargets.Parse(" 111111111111:eu-west-1 , 222222222222:us-east-1,"));

    [Theory]
    [InlineData("", "--targets must be comma-separated ACCOUNT:REGION pairs such as 111111111111:eu-west-1")]
    [InlineData("111111111111", "--targets: '111111111111' is not ACCOUNT:REGION, such as 111111111111:eu-west-1")]
    [InlineData("111111111111:eu-west-1:x", "--targets: '111111111111:eu-west-1:x' is not ACCOUNT:REGION, such as 111111111111:eu-west-1")]
    [InlineData("1234:eu-west-1", "--targets: '1234:eu-west-1': the account must be a 12-digit AWS account ID, got '1234'")]
    [InlineData("111111111111:Ireland", "--targets: '111111111111:Ireland': the region must be an AWS region name such as eu-west-1, got 'Ireland'")]
    [InlineData("111111111111:", "--targets: '111111111111:': the region is empty")]
    [InlineData("111111111111:eu-west-1,111111111111:eu-west-1", "--targets names 111111111111:eu-west-1 twice")]
    public void Parse_RefusesWhatIsNotAListOfDistinctTargets_NamingTheEntry(string value, string message) =>
        Assert.Equal(message, Assert.Throws<CliInputException>(() => CaptureTargets.Parse(value)).Message);

    [Fact]
    public void ReadAccountAndRegion_AreNullWhenNotGiven_AndCheckedWhenGiven()
    {
        Assert.Null(CaptureTargets.ReadAccount(null));
        Assert.Null(CaptureTargets.ReadRegion(null));
        Assert.Equal("111111111111", CaptureTargets.ReadAccount("111111111111"));
        Assert.Equal("--account must be a 12-digit AWS account ID, got '12'",
            Assert.Throws<CliInputException>(() => CaptureTargets.ReadAccount("12")).Message);
        Assert.Equal("--region is empty", Assert.Throws<CliInputException>(() => CaptureTargets.ReadRegion(" ")).Message);
    }

    [Fact]
    public void RefuseOtherAccounts_AllowsTheCallersOwnAccount_AndRefusesAnotherInOneLine()
    {
        CaptureTargets.RefuseOtherAccounts(["111111111111", "111111111111"], "111111111111", "--targets");

        var refused = Assert.Throws<CliInputException>(() =>
            CaptureTargets.RefuseOtherAccounts(["111111111111", "222222222222"], "111111111111", "--targets"));

        Assert.Equal("--targets: 222222222222 is not the account of these credentials (111111111111): capturing another account "
            + "needs the member role it will hold, which comes with the organisation deployment", refused.Message);
    }
}
