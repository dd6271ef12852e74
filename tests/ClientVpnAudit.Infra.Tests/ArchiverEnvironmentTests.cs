using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Infra.Configuration;
using ClientVpnAudit.Infra.Constructs;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>The environment the stack gives the function is one the archiver's own reader accepts.</summary>
public sealed class ArchiverEnvironmentTests
{
    [Fact]
    public void Environment_FromEveryOption_IsReadBackByTheArchiver()
    {
        var options = StackOptions.FromContext(key => CustomizedStackFixture.Context.GetValueOrDefault(key));

        var environment = ArchiverEnvironment.Build("sessions", "endpoints", options, ArchiverFunctionDefaults.TimeBudgetSeconds);
        var read = ArchiverOptionsReader.Read(AsDeployed(environment));

        Assert.Equal("sessions", read.TableName);
        Assert.Equal("endpoints", read.EndpointTableName);
        Assert.Equal(options.EndpointIds, read.EndpointIds);
        Assert.Equal(400, read.RetentionDays);
        Assert.Equal(30, read.ActiveRefreshMinutes);
        Assert.Equal(8, read.MaxConcurrency);
        Assert.Equal(TimeSpan.FromSeconds(90), read.TimeBudget);
        Assert.Equal(new Archiver.Sessions.Target("123456789012", "eu-west-1"), read.Target);
        Assert.Equal([new("222222222222", "eu-west-1"), new("333333333333", "us-east-2")], read.Targets);
        Assert.Equal("AuditReader", read.MemberRoleName);
    }

    [Fact]
    public void Environment_WithoutOptions_LeavesTheArchiversDefaults()
    {
        var environment = ArchiverEnvironment.Build("sessions", "endpoints", new StackOptions(), ArchiverFunctionDefaults.TimeBudgetSeconds);
        var read = ArchiverOptionsReader.Read(AsDeployed(environment));

        Assert.Equal(ArchiverOptions.DefaultActiveRefreshMinutes, read.ActiveRefreshMinutes);
        Assert.Equal(ArchiverOptions.DefaultMaxConcurrency, read.MaxConcurrency);
        Assert.Equal(0, read.RetentionDays);
        Assert.Empty(read.EndpointIds);
        Assert.DoesNotContain(ArchiverSettingNames.Targets, environment.Keys);
        Assert.DoesNotContain(ArchiverSettingNames.MemberRoleName, environment.Keys);
        Assert.Empty(read.Targets); // the archiver then archives only read.Target, its own account and region
        Assert.Equal(ArchiverOptions.DefaultMemberRoleName, read.MemberRoleName);
    }

    [Fact]
    public void Environment_NamesTheStacksOwnAccount()
    {
        var template = TestStacks.Synthesize();
        var variables = new Amazon.CDK.Assertions.Capture();
        template.HasResourceProperties("AWS::Lambda::Function", Amazon.CDK.Assertions.Match.ObjectLike(new Dictionary<string, object>
        {
            ["Environment"] = new Dictionary<string, object> { ["Variables"] = variables },
        }));

        Assert.Equivalent(TemplateJson.Ref("AWS::AccountId"), variables.AsObject()[ArchiverSettingNames.AccountId], strict: true);
        Assert.DoesNotContain(ArchiverSettingNames.Targets, variables.AsObject().Keys);
        Assert.DoesNotContain(ArchiverSettingNames.MemberRoleName, variables.AsObject().Keys);
    }

    [Fact]
    public void OwnSettings_OfThePlannerAndTheWorker_AreReadBackByTheArchiver()
    {
        var schedule = ScheduleInterval.FromMinutes(7);
        var planner = ArchiverEnvironment.Build("sessions", "endpoints", new StackOptions(), ArchiverFunctionDefaults.TimeBudgetSeconds,
            ArchiverEnvironment.PlannerSettings("https://sqs.eu-west-1.amazonaws.com/123456789012/work"));
        var worker = ArchiverEnvironment.Build("sessions", "endpoints", new StackOptions(), ArchiverFunctionDefaults.TimeBudgetSeconds,
            ArchiverEnvironment.WorkerSettings(schedule, "https://sqs.eu-west-1.amazonaws.com/123456789012/work"));

        Assert.Equal("https://sqs.eu-west-1.amazonaws.com/123456789012/work", ArchiverOptionsReader.Read(AsDeployed(planner)).WorkQueueUrl);
        Assert.Equal(TimeSpan.FromMinutes(7), ArchiverOptionsReader.Read(AsDeployed(worker)).PollInterval);
        Assert.DoesNotContain(ArchiverSettingNames.PollIntervalMinutes, planner.Keys);
        Assert.Equal("https://sqs.eu-west-1.amazonaws.com/123456789012/work", ArchiverOptionsReader.Read(AsDeployed(worker)).WorkQueueUrl);
    }

    [Fact]
    public void EveryAllowedSchedule_IsAPollIntervalTheWorkerAccepts() =>
        Assert.All(ScheduleInterval.AllowedMinutes, minutes =>
            Assert.Equal(minutes, ArchiverOptionsReader.ReadPollIntervalMinutes(ArchiverEnvironment.WorkerSettings(
                ScheduleInterval.FromMinutes(minutes), "https://sqs.eu-west-1.amazonaws.com/123456789012/work")[ArchiverSettingNames.PollIntervalMinutes])));

    [Fact]
    public void TimeBudget_TheArchiverWouldRefuse_StopsTheSynth() =>
        Assert.Throws<ArchiverConfigurationException>(() =>
            ArchiverEnvironment.Build("sessions", "endpoints", new StackOptions(), timeBudgetSeconds: 0));

    /// <summary>The environment as the function sees it once deployed: CloudFormation resolved the account, Lambda set the region.</summary>
    private static Func<string, string?> AsDeployed(Dictionary<string, string> environment) => name => name switch
    {
        ArchiverSettingNames.AccountId => "123456789012",
        ArchiverSettingNames.Region => "eu-west-1",
        _ => environment.GetValueOrDefault(name),
    };
}
