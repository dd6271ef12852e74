using ClientVpnAudit.Cli.Doctor;

namespace ClientVpnAudit.Cli.Tests.Unit;

public sealed class AgeTests
{
    [Theory]
    [InlineData("2026-03-02T11:30:04Z", "2026-03-02T11:30:30Z", "less than a minute")]
    [InlineData("2026-03-02T11:30:04Z", "2026-03-02T11:29:00Z", "less than a minute")]
    [InlineData("2026-03-02T11:30:04Z", "2026-03-02T11:35:04Z", "5 minutes")]
    [InlineData("2026-03-02T11:30:04Z", "2026-03-02T13:30:03Z", "119 minutes")]
    [InlineData("2026-03-02T11:30:04Z", "2026-03-02T13:30:04Z", "2 hours")]
    [InlineData("2026-03-02T11:30:04Z", "2026-03-04T11:30:03Z", "47 hours")]
    [InlineData("2026-03-02T11:30:04Z", "2026-03-04T11:30:04Z", "2 days")]
    [InlineData("2026-03-02T11:30:04Z", "2026-05-02T11:30:03Z", "60 days")]
    [InlineData("2026-03-02T11:30:04Z", "2026-05-02T11:30:04Z", "2 months")]
    [InlineData("2026-03-02T11:30:04Z", "2026-07-01T00:00:00Z", "3 months")]
    [InlineData("2026-03-02T11:30:04Z", "2027-03-02T11:30:04Z", "12 months")]
    public void Between_CountsTheLargestUnitThatStillCountsTwo(string then, string now, string expected) =>
        Assert.Equal(expected, Age.Between(DateTimeOffset.Parse(then, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
}
