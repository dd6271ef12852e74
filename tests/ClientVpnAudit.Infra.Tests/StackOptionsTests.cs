using Amazon.CDK;
using ClientVpnAudit.Infra.Configuration;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>Reading the context: `-c key=value` gives strings, cdk.json gives JSON numbers (doubles) or strings.</summary>
public sealed class StackOptionsTests
{
    [Fact]
    public void EmptyContext_GivesTheDefaults()
    {
        var options = Parse([]);

        Assert.Equal(5, options.Schedule.Minutes);
        Assert.Null(options.RetentionDays);
        Assert.Empty(options.EndpointIds);
        Assert.Null(options.AlarmEmail);
        Assert.Null(options.KmsKeyArn);
        Assert.Equal(365, options.LogRetentionDays);
        Assert.Null(options.ActiveRefreshMinutes);
        Assert.Null(options.MaxConcurrency);
        Assert.Empty(options.Targets);
        Assert.Null(options.MemberRoleName);
        Assert.Equal(10, options.MaxWorkers);
    }

    [Theory]
    [InlineData("7")]
    [InlineData(" 7 ")]
    [InlineData(7.0)]
    [InlineData(7)]
    public void WholeNumbers_AreReadFromStringsAndJsonNumbers(object raw)
    {
        var options = Parse(new()
        {
            [ContextKeys.ScheduleMinutes] = raw,
            [ContextKeys.RetentionDays] = raw,
            [ContextKeys.ActiveRefreshMinutes] = raw,
            [ContextKeys.MaxConcurrency] = raw,
            [ContextKeys.LogRetentionDays] = raw,
            [ContextKeys.MaxWorkers] = raw,
        });

        Assert.Equal(7, options.Schedule.Minutes);
        Assert.Equal(7, options.RetentionDays);
        Assert.Equal(7, options.ActiveRefreshMinutes);
        Assert.Equal(7, options.MaxConcurrency);
        Assert.Equal(7, options.LogRetentionDays);
        Assert.Equal(7, options.MaxWorkers);
    }

    [Fact]
    public void BlankValues_CountAsNotSet()
    {
        var options = Parse(new() { [ContextKeys.ScheduleMinutes] = " ", [ContextKeys.AlarmEmail] = "", [ContextKeys.EndpointIds] = "" });

        Assert.Equal(ScheduleInterval.DefaultMinutes, options.Schedule.Minutes);
        Assert.Null(options.AlarmEmail);
        Assert.Empty(options.EndpointIds);
    }

    [Fact]
    public void ActiveRefreshMinutesZero_MeansWriteOnEveryPoll_AndIsPassedOn() =>
        Assert.Equal(0, Parse(new() { [ContextKeys.ActiveRefreshMinutes] = 0 }).ActiveRefreshMinutes);

    [Fact]
    public void RetentionDaysZero_MeansKeepForever_AndIsPassedOn() =>
        Assert.Equal(0, Parse(new() { [ContextKeys.RetentionDays] = "0" }).RetentionDays);

    [Fact]
    public void LogRetentionDaysZero_KeepsLogsForever() =>
        Assert.Equal(Amazon.CDK.AWS.Logs.RetentionDays.INFINITE, LogGroupRetention.ToRetentionDays(
            Parse(new() { [ContextKeys.LogRetentionDays] = 0 }).LogRetentionDays));

    [Fact]
    public void EndpointIds_AreSplitTrimmedAndDeduplicated()
    {
        var options = Parse(new()
        {
            [ContextKeys.EndpointIds] = " cvpn-endpoint-0123456789abcdef0 ,cvpn-endpoint-0fedcba9876543210,,cvpn-endpoint-0123456789abcdef0",
        });

        Assert.Equal(["cvpn-endpoint-0123456789abcdef0", "cvpn-endpoint-0fedcba9876543210"], options.EndpointIds);
    }

    [Fact]
    public void Targets_AreSplitTrimmedAndDeduplicated_AndMemberRoleNameTrimmed()
    {
        var options = Parse(new()
        {
            [ContextKeys.Targets] = " 222222222222:eu-west-1 ,333333333333:us-east-2,,222222222222:eu-west-1",
            [ContextKeys.MemberRoleName] = " AuditReader ",
        });

        Assert.Equal([new("222222222222", "eu-west-1"), new("333333333333", "us-east-2")], options.Targets);
        Assert.Equal("AuditReader", options.MemberRoleName);
    }

    [Fact]
    public void TextOptions_AreTrimmed()
    {
        var options = Parse(new()
        {
            [ContextKeys.AlarmEmail] = " audit@example.com ",
            [ContextKeys.KmsKeyArn] = $" {TestStacks.KeyArn} ",
        });

        Assert.Equal("audit@example.com", options.AlarmEmail);
        Assert.Equal(TestStacks.KeyArn, options.KmsKeyArn);
    }

    [Theory]
    [InlineData(ContextKeys.RetentionDays, "-1")]
    [InlineData(ContextKeys.RetentionDays, "a year")]
    [InlineData(ContextKeys.RetentionDays, 1.5)]
    [InlineData(ContextKeys.EndpointIds, "vpn-1")]
    [InlineData(ContextKeys.EndpointIds, "cvpn-endpoint-0123456789abcdef0;cvpn-endpoint-0fedcba9876543210")]
    [InlineData(ContextKeys.EndpointIds, ",")]
    [InlineData(ContextKeys.AlarmEmail, "ops")]
    [InlineData(ContextKeys.AlarmEmail, "a@example.com,b@example.com")]
    [InlineData(ContextKeys.KmsKeyArn, "arn:aws:kms:us-east-1:123456789012:alias/audit")]
    [InlineData(ContextKeys.KmsKeyArn, "1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData(ContextKeys.LogRetentionDays, "42")]
    [InlineData(ContextKeys.LogRetentionDays, -1)]
    [InlineData(ContextKeys.ActiveRefreshMinutes, "-1")]
    [InlineData(ContextKeys.ActiveRefreshMinutes, 1441)]
    [InlineData(ContextKeys.MaxConcurrency, 65)]
    [InlineData(ContextKeys.RetentionDays, 36_501)]
    [InlineData(ContextKeys.MaxConcurrency, 0)]
    [InlineData(ContextKeys.MaxConcurrency, "four")]
    [InlineData(ContextKeys.Targets, "123:eu-west-1")]
    [InlineData(ContextKeys.Targets, "222222222222")]
    [InlineData(ContextKeys.Targets, "222222222222:eu-west-1;333333333333:us-east-2")]
    [InlineData(ContextKeys.Targets, ",")]
    [InlineData(ContextKeys.MemberRoleName, "role/AuditReader")]
    [InlineData(ContextKeys.MemberRoleName, "Audit Reader")]
    public void InvalidValue_IsRefused_NamingTheKeyAndTheValue(string key, object raw)
    {
        var error = Assert.Throws<InvalidContextException>(() => Parse(new() { [key] = raw }));

        Assert.Equal(key, error.Key);
        Assert.Contains($"'{key}'", error.Message);
        Assert.Contains(Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture)!, error.Message);
    }

    [Theory]
    [InlineData(ContextKeys.Targets, "222222222222:EU-WEST-1")]
    [InlineData(ContextKeys.MemberRoleName, "a-role-name-that-is-longer-than-the-sixty-four-characters-iam-allows")]
    public void TargetsAndMemberRoleName_AreRefusedByTheArchiversOwnReader_InOneLine(string key, string raw)
    {
        Func<string?, object> archiverReader = key == ContextKeys.Targets
            ? value => Archiver.Configuration.ArchiverOptionsReader.ReadTargets(value)
            : value => Archiver.Configuration.ArchiverOptionsReader.ReadMemberRoleName(value);
        var archiverRefusal = Assert.Throws<Archiver.Configuration.ArchiverConfigurationException>(() => archiverReader(raw));

        var error = Assert.Throws<InvalidContextException>(() => Parse(new() { [key] = raw }));

        Assert.Equal($"Context '{key}' is \"{raw}\": expected {archiverRefusal.Expectation}", error.Message);
    }

    [Theory]
    [InlineData("2", 2)]
    [InlineData(1000.0, 1000)]
    public void MaxWorkers_TakesWhatAnSqsEventSourceAllows(object raw, int expected) =>
        Assert.Equal(expected, Parse(new() { [ContextKeys.MaxWorkers] = raw }).MaxWorkers);

    [Theory]
    [InlineData("1")]
    [InlineData(1001)]
    [InlineData("0")]
    [InlineData("ten")]
    [InlineData(2.5)]
    public void MaxWorkers_OutsideTwoToAThousand_IsRefusedInOneLine(object raw)
    {
        var error = Assert.Throws<InvalidContextException>(() => Parse(new() { [ContextKeys.MaxWorkers] = raw }));

        Assert.Equal(
            $"Context 'maxWorkers' is {(raw is string text ? $"\"{text}\"" : Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture))}: "
            + "expected a whole number from 2 to 1000",
            error.Message);
    }

    [Fact]
    public void NonStringText_IsRefused() =>
        Assert.Throws<InvalidContextException>(() => Parse(new() { [ContextKeys.AlarmEmail] = 42.0 }));

    [Fact]
    public void Options_AreReadFromTheAppContext()
    {
        var app = new App(new AppProps
        {
            Context = new Dictionary<string, object>
            {
                [ContextKeys.ScheduleMinutes] = 10,
                [ContextKeys.EndpointIds] = "cvpn-endpoint-0123456789abcdef0",
                [ContextKeys.RetentionDays] = "90",
            },
        });

        var options = StackOptions.FromContext(app.Node);

        Assert.Equal(10, options.Schedule.Minutes);
        Assert.Equal(["cvpn-endpoint-0123456789abcdef0"], options.EndpointIds);
        Assert.Equal(90, options.RetentionDays);
    }

    private static StackOptions Parse(Dictionary<string, object> context) =>
        StackOptions.FromContext(key => context.GetValueOrDefault(key));
}
