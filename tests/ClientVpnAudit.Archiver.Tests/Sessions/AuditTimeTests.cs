using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Archiver.Tests.Sessions;

public sealed class AuditTimeTests
{
    [Fact]
    public void ParseAws_WithAwsFormat_ReadsItAsUtc()
    {
        var parsed = AuditTime.ParseAws("2019-08-12 07:58:34");

        Assert.Equal(new DateTimeOffset(2019, 8, 12, 7, 58, 34, TimeSpan.Zero), parsed);
    }

    [Theory]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void ParseAws_WithDashOrEmpty_IsAbsent(string? value)
    {
        Assert.Null(AuditTime.ParseAws(value));
        Assert.True(AuditTime.IsAbsent(value));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2019-13-12 07:58:34")]
    [InlineData("12/08/2019 07:58:34")]
    public void ParseAws_WithUnreadableValue_IsNullButNotAbsent(string value)
    {
        Assert.Null(AuditTime.ParseAws(value));
        Assert.False(AuditTime.IsAbsent(value));
    }

    [Fact]
    public void Format_WritesIsoUtcWithZ()
    {
        var formatted = AuditTime.Format(new DateTimeOffset(2019, 8, 12, 9, 58, 34, TimeSpan.FromHours(2)));

        Assert.Equal("2019-08-12T07:58:34Z", formatted);
    }

    [Fact]
    public void Format_SortsChronologicallyAsStrings()
    {
        var earlier = AuditTime.Format(new DateTimeOffset(2019, 8, 12, 9, 5, 0, TimeSpan.Zero));
        var later = AuditTime.Format(new DateTimeOffset(2019, 8, 12, 10, 0, 0, TimeSpan.Zero));

        Assert.True(string.CompareOrdinal(earlier, later) < 0);
    }
}
