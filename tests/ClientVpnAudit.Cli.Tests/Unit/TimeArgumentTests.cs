using ClientVpnAudit.Cli.Queries;

namespace ClientVpnAudit.Cli.Tests.Unit;

public sealed class TimeArgumentTests
{
    [Theory]
    [InlineData("2026-03-02", "2026-03-02T00:00:00Z")]
    [InlineData("2026-03-02T09:30", "2026-03-02T09:30:00Z")]
    [InlineData("2026-03-02T09:30:15Z", "2026-03-02T09:30:15Z")]
    [InlineData("2026-03-02 09:30:15", "2026-03-02T09:30:15Z")]
    [InlineData("2026-03-02T10:30:15+01:00", "2026-03-02T09:30:15Z")]
    [InlineData("2026-03-02T09:30:15.250Z", "2026-03-02T09:30:15Z")]
    public void TryParse_ReadsIsoTimesAsUtc(string text, string stored)
    {
        Assert.True(TimeArgument.TryParse(text, out var time));
        Assert.Equal(stored, Archiver.Sessions.AuditTime.Format(time));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("03/02/2026")]
    [InlineData("2026-13-02")]
    [InlineData("2026-03-02T25:00")]
    [InlineData("2026-03-02T09:30:00PST")]
    [InlineData("")]
    public void TryParse_RefusesAnythingElse(string text) => Assert.False(TimeArgument.TryParse(text, out _));
}
