using Amazon.CDK.Assertions;
using ClientVpnAudit.Archiver.Configuration;
using static ClientVpnAudit.Infra.Tests.TemplateJson;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>What each context option changes in the template.</summary>
public sealed class CustomizedStackTests(CustomizedStackFixture stack) : IClassFixture<CustomizedStackFixture>
{
    private readonly Template _template = stack.Template;

    [Theory]
    [InlineData(CentralStackNames.Planner)]
    [InlineData(CentralStackNames.Worker)]
    public void Environment_OfEachFunction_CarriesTheArchiverSettingsFromContext(string constructId)
    {
        var environment = _template.FunctionEnvironment(constructId);
        Assert.Equal("cvpn-endpoint-0123456789abcdef0,cvpn-endpoint-0fedcba9876543210", environment[ArchiverSettingNames.EndpointIds]);
        Assert.Equal("400", environment[ArchiverSettingNames.RetentionDays]);
        Assert.Equal("30", environment[ArchiverSettingNames.ActiveRefreshMinutes]);
        Assert.Equal("8", environment[ArchiverSettingNames.MaxConcurrency]);
        Assert.Equal("90", environment[ArchiverSettingNames.TimeBudgetSeconds]);
        Assert.Equal("222222222222:eu-west-1,333333333333:us-east-2", environment[ArchiverSettingNames.Targets]);
        Assert.Equal("AuditReader", environment[ArchiverSettingNames.MemberRoleName]);
        Assert.Contains(ArchiverSettingNames.TableName, environment.Keys);
    }

    [Fact]
    public void Schedule_OfOneMinute_IsTheSingularRateExpression()
    {
        _template.HasResourceProperties("AWS::Events::Rule", Match.ObjectLike(new Dictionary<string, object>
        {
            ["ScheduleExpression"] = "rate(1 minute)",
        }));
    }

    [Fact]
    public void Planner_ReservesTheConcurrencyAskedFor_AndTheWorkersAreBoundedByMaxWorkersInstead()
    {
        Assert.Equal(2.0, _template.Properties(_template.FunctionResourceId(CentralStackNames.Planner))["ReservedConcurrentExecutions"]);
        Assert.False(_template.Properties(_template.FunctionResourceId(CentralStackNames.Worker)).ContainsKey("ReservedConcurrentExecutions"));
    }

    [Fact]
    public void Worker_DropsWorkOlderThanTheOneMinuteSchedule() =>
        Assert.Equal("1", _template.FunctionEnvironment(CentralStackNames.Worker)[ArchiverSettingNames.PollIntervalMinutes]);

    [Fact]
    public void TerminationProtection_CanBeTurnedOff() => Assert.False(stack.Stack.TerminationProtection);

    [Fact]
    public void EventAge_OfOneMinuteSchedule_LeavesRoomForTheRetryOfAFailedRun()
    {
        // A failed run takes up to the 2-minute timeout, and Lambda retries it about a minute later: 180 s.
        _template.HasResourceProperties("AWS::Lambda::EventInvokeConfig", Match.ObjectLike(new Dictionary<string, object>
        {
            ["MaximumEventAgeInSeconds"] = 180,
        }));
        _template.HasResourceProperties("AWS::Events::Rule", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Targets"] = Match.ArrayWith(new object[]
            {
                Match.ObjectLike(new Dictionary<string, object>
                {
                    ["RetryPolicy"] = Match.ObjectLike(new Dictionary<string, object> { ["MaximumEventAgeInSeconds"] = 180 }),
                }),
            }),
        }));
    }

    [Fact]
    public void LogGroups_KeepLogsForTheGivenDays() =>
        Assert.Equal(2, _template.FindResources("AWS::Logs::LogGroup", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Properties"] = Match.ObjectLike(new Dictionary<string, object> { ["RetentionInDays"] = 731 }),
        })).Count);

    [Fact]
    public void AlarmEmail_IsSubscribedToTheAlarmTopic()
    {
        var topicId = _template.SingleLogicalId("AWS::SNS::Topic");
        _template.ResourceCountIs("AWS::SNS::Subscription", 1);
        _template.HasResourceProperties("AWS::SNS::Subscription", new Dictionary<string, object>
        {
            ["Protocol"] = "email",
            ["Endpoint"] = "audit-alarms@example.com",
            ["TopicArn"] = Ref(topicId),
        });
    }

    [Fact]
    public void Table_IsEncryptedWithTheGivenCustomerManagedKey()
    {
        _template.HasResourceProperties("AWS::DynamoDB::Table", Match.ObjectLike(new Dictionary<string, object>
        {
            ["SSESpecification"] = new Dictionary<string, object>
            {
                ["SSEEnabled"] = true,
                ["SSEType"] = "KMS",
                ["KMSMasterKeyId"] = TestStacks.KeyArn,
            },
        }));
    }

    [Fact]
    public void ImportedKey_IsNotCreatedByTheStack() => _template.ResourceCountIs("AWS::KMS::Key", 0);
}
