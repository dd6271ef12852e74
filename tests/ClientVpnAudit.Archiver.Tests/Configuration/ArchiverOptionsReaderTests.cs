using ClientVpnAudit.Archiver.Configuration;

namespace ClientVpnAudit.Archiver.Tests.Configuration;

public sealed class ArchiverOptionsReaderTests
{
    private static ArchiverOptions Read(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(variable => variable.Name, variable => variable.Value);
        return ArchiverOptionsReader.Read(name => values.GetValueOrDefault(name));
    }

    [Fact]
    public void Read_WithOnlyTableName_UsesTheDefaults()
    {
        var options = Read(("TABLE_NAME", "sessions"));

        Assert.Equal("sessions", options.TableName);
        Assert.Empty(options.EndpointIds);
        Assert.Equal(0, options.RetentionDays);
        Assert.Equal(15, options.ActiveRefreshMinutes);
        Assert.Equal(4, options.MaxConcurrency);
        Assert.Equal(TimeSpan.FromSeconds(90), options.TimeBudget);
    }

    [Fact]
    public void Read_WithEveryVariable_ReadsThemAll()
    {
        var options = Read(("TABLE_NAME", "t"), ("ENDPOINT_IDS", " cvpn-endpoint-a, cvpn-endpoint-b ,"), ("RETENTION_DAYS", "400"),
            ("ACTIVE_REFRESH_MINUTES", "0"), ("MAX_CONCURRENCY", "8"), ("TIME_BUDGET_SECONDS", "100"));

        Assert.Equal(["cvpn-endpoint-a", "cvpn-endpoint-b"], options.EndpointIds);
        Assert.Equal(400, options.RetentionDays);
        Assert.Equal(0, options.ActiveRefreshMinutes);
        Assert.Equal(8, options.MaxConcurrency);
        Assert.Equal(TimeSpan.FromSeconds(100), options.TimeBudget);
    }

    [Fact]
    public void Read_TheTarget_FromAccountIdAndTheRegionLambdaSets()
    {
        Assert.Equal(new Archiver.Sessions.Target("123456789012", "eu-west-1"),
            Read(("TABLE_NAME", "t"), ("ACCOUNT_ID", "123456789012"), ("AWS_REGION", "eu-west-1")).Target);
        Assert.Equal(Archiver.Sessions.Target.Local, Read(("TABLE_NAME", "t")).Target);
    }

    [Fact]
    public void Read_Targets_AsAccountRegionPairs_DefaultingToTheOwnTarget()
    {
        var options = Read(("TABLE_NAME", "t"), ("TARGETS", " 111111111111:eu-west-1, 222222222222:us-east-1,111111111111:eu-west-1 "),
            ("MEMBER_ROLE_NAME", "AuditReader"));

        Assert.Equal([new("111111111111", "eu-west-1"), new Archiver.Sessions.Target("222222222222", "us-east-1")], options.Targets);
        Assert.Equal("AuditReader", options.MemberRoleName);
        var defaults = Read(("TABLE_NAME", "t"), ("ACCOUNT_ID", "123456789012"), ("AWS_REGION", "eu-west-1"));
        Assert.Empty(defaults.Targets);
        Assert.Equal(new Archiver.Sessions.Target("123456789012", "eu-west-1"), defaults.Target);
        Assert.Equal("ClientVpnAuditReader", defaults.MemberRoleName);
    }

    [Fact]
    public void Read_WithoutTableName_NamesTheVariable()
    {
        var error = Assert.Throws<ArchiverConfigurationException>(() => Read());

        Assert.Contains("TABLE_NAME", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RETENTION_DAYS", "-1")]
    [InlineData("RETENTION_DAYS", "forever")]
    [InlineData("ACTIVE_REFRESH_MINUTES", "1.5")]
    [InlineData("MAX_CONCURRENCY", "0")]
    [InlineData("MAX_CONCURRENCY", "1000")]
    [InlineData("TIME_BUDGET_SECONDS", "0")]
    [InlineData("ENDPOINT_IDS", "vpn-1")]
    [InlineData("ACCOUNT_ID", "12345")]
    [InlineData("ACCOUNT_ID", "abcdefghijkl")]
    [InlineData("AWS_REGION", "Europe")]
    [InlineData("TARGETS", "123456789012")]
    [InlineData("TARGETS", "123456789012:eu-west-1,12345:us-east-1")]
    [InlineData("TARGETS", ",")]
    [InlineData("MEMBER_ROLE_NAME", "role with spaces")]
    public void Read_WithBadValue_NamesTheVariableAndTheValue(string name, string value)
    {
        var error = Assert.Throws<ArchiverConfigurationException>(() => Read(("TABLE_NAME", "t"), (name, value)));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
