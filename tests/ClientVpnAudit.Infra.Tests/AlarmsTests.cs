using Amazon.CDK.Assertions;
using ClientVpnAudit.Archiver.Reporting;
using static ClientVpnAudit.Infra.Tests.TemplateJson;

namespace ClientVpnAudit.Infra.Tests;

public sealed class AlarmsTests(DefaultStackFixture stack) : IClassFixture<DefaultStackFixture>
{
    private const string AlarmType = "AWS::CloudWatch::Alarm";
    private const int FiveMinutes = 300;
    private readonly Template _template = stack.Template;

    private string FunctionId => _template.FunctionResourceId(CentralStackNames.Planner);

    [Fact]
    public void Stack_HasTheNineAlarms() => _template.ResourceCountIs(AlarmType, 9);

    [Theory]
    [InlineData(CentralStackNames.Planner)]
    [InlineData(CentralStackNames.Worker)]
    public void ErrorsAlarm_OfEachFunction_FiresOnErrorsInTwoFiveMinutePeriodsInARow(string constructId)
    {
        _template.HasResourceProperties(AlarmType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["Namespace"] = "AWS/Lambda",
            ["MetricName"] = "Errors",
            ["Dimensions"] = new object[] { Dimension("FunctionName", Ref(_template.FunctionResourceId(constructId))) },
            ["Statistic"] = "Sum",
            ["Period"] = FiveMinutes,
            ["EvaluationPeriods"] = 2,
            ["DatapointsToAlarm"] = 2,
            ["Threshold"] = 1,
            ["ComparisonOperator"] = "GreaterThanOrEqualToThreshold",
            ["TreatMissingData"] = "notBreaching",
        }));
    }

    [Fact]
    public void StalenessAlarm_OfTheFiveMinuteSchedule_FiresAfterFifteenMinutesWithoutASuccessfulPlannerRun_IncludingNoDataAtAll()
    {
        var functionName = new Capture();
        _template.HasResourceProperties(AlarmType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["Namespace"] = ArchiverMetrics.Namespace,
            ["MetricName"] = ArchiverMetrics.RunSucceeded,
            ["Dimensions"] = new object[] { Dimension(ArchiverMetrics.FunctionNameDimension, functionName) },
            ["Statistic"] = "Sum",
            ["Period"] = FiveMinutes,
            ["EvaluationPeriods"] = 3,
            ["DatapointsToAlarm"] = 3,
            ["Threshold"] = 1,
            ["ComparisonOperator"] = "LessThanThreshold",
            ["TreatMissingData"] = "breaching",
        }));

        Assert.Equal(Ref(FunctionId), functionName.AsObject());
    }

    [Fact]
    public void DeadLetterAlarm_FiresInEachPeriodThatSentAMessage_AndClearsItself()
    {
        var queueId = _template.DeadLetterQueueId();
        AssertFiresOnAnyOccurrenceInOnePeriod("AWS/SQS", "NumberOfMessagesSent", Dimension("QueueName", GetAtt(queueId, "QueueName")), "Sum");
    }

    [Fact]
    public void WorkDeadLetterAlarm_FiresWhileAMessageWaitsInTheWorkDeadLetterQueue()
    {
        // A redrive policy's moves are not counted by NumberOfMessagesSent: only the messages visible show them.
        AssertFiresOnAnyOccurrenceInOnePeriod("AWS/SQS", "ApproximateNumberOfMessagesVisible", Dimension("QueueName", GetAtt(_template.WorkDeadLetterQueueId(), "QueueName")), "Maximum");
    }

    [Theory]
    [InlineData(CentralStackNames.Planner)]
    [InlineData(CentralStackNames.Worker)]
    public void ThrottlesAlarm_OfEachFunction_FiresOnAnyThrottle(string constructId)
    {
        AssertFiresOnAnyOccurrenceInOnePeriod("AWS/Lambda", "Throttles", Dimension("FunctionName", Ref(_template.FunctionResourceId(constructId))), "Sum");
    }

    [Fact]
    public void FailedInvocationsAlarm_FiresWhenEventBridgeCannotStartARun()
    {
        var ruleId = _template.SingleLogicalId("AWS::Events::Rule");
        AssertFiresOnAnyOccurrenceInOnePeriod("AWS/Events", "FailedInvocations", Dimension("RuleName", Ref(ruleId)), "Sum");
    }

    [Fact]
    public void EndpointFreshnessAlarm_FiresWhenOneEndpointWasNotListedCompletelyForThirtyMinutes()
    {
        _template.HasResourceProperties(AlarmType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["Namespace"] = ArchiverMetrics.Namespace,
            ["MetricName"] = ArchiverMetrics.OldestCompleteListingAgeMinutes,
            ["Dimensions"] = new object[] { Dimension(ArchiverMetrics.FunctionNameDimension, Ref(FunctionId)) },
            ["Statistic"] = "Maximum",
            ["Period"] = FiveMinutes,
            ["EvaluationPeriods"] = 1,
            ["Threshold"] = 30,
            ["ComparisonOperator"] = "GreaterThanOrEqualToThreshold",
            ["TreatMissingData"] = "notBreaching",
        }));
    }

    [Fact]
    public void EveryAlarm_NotifiesTheTopic_OnAlarmAndOnOk()
    {
        var topic = new object[] { Ref(_template.SingleLogicalId("AWS::SNS::Topic")) };
        var alarms = _template.FindResources(AlarmType);

        Assert.Equal(9, alarms.Count);
        Assert.All(alarms.Keys, alarmId =>
        {
            var properties = _template.Properties(alarmId);
            Assert.Equivalent(topic, properties["AlarmActions"], strict: true);
            Assert.Equivalent(topic, properties["OKActions"], strict: true);
        });
    }

    [Fact]
    public void TopicPolicy_LetsOnlyTheseAlarmsPublish_AndRefusesRequestsWithoutTls()
    {
        var topicId = _template.SingleLogicalId("AWS::SNS::Topic");
        var alarmArns = _template.FindResources(AlarmType).Keys.Select(alarmId => (object)GetAtt(alarmId, "Arn")).ToArray();
        var sourceArns = new Capture();

        _template.ResourceCountIs("AWS::SNS::TopicPolicy", 1);
        _template.HasResourceProperties("AWS::SNS::TopicPolicy", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Topics"] = new object[] { Ref(topicId) },
            ["PolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Statement"] = new object[]
                {
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["Effect"] = "Allow",
                        ["Principal"] = new Dictionary<string, object> { ["Service"] = "cloudwatch.amazonaws.com" },
                        ["Action"] = "sns:Publish",
                        ["Resource"] = Ref(topicId),
                        ["Condition"] = new Dictionary<string, object>
                        {
                            ["ArnEquals"] = new Dictionary<string, object> { ["aws:SourceArn"] = sourceArns },
                            ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Ref("AWS::AccountId") },
                        },
                    }),
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["Effect"] = "Deny",
                        ["Principal"] = "*",
                        ["Action"] = "sns:Publish",
                        ["Condition"] = new Dictionary<string, object>
                        {
                            ["Bool"] = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" },
                        },
                    }),
                },
            }),
        }));

        Assert.Equivalent(alarmArns, sourceArns.AsArray(), strict: true);
    }

    [Fact]
    public void Topic_HasNoSubscription_WithoutAlarmEmail() => _template.ResourceCountIs("AWS::SNS::Subscription", 0);

    /// <summary>An alarm that fires in the first 5-minute period whose statistic is 1 or more, and is OK without data.</summary>
    private void AssertFiresOnAnyOccurrenceInOnePeriod(string metricNamespace, string metricName, Dictionary<string, object> dimension, string statistic) =>
        _template.HasResourceProperties(AlarmType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["Namespace"] = metricNamespace,
            ["MetricName"] = metricName,
            ["Dimensions"] = new object[] { dimension },
            ["Statistic"] = statistic,
            ["Period"] = FiveMinutes,
            ["EvaluationPeriods"] = 1,
            ["Threshold"] = 1,
            ["ComparisonOperator"] = "GreaterThanOrEqualToThreshold",
            ["TreatMissingData"] = "notBreaching",
        }));

    private static Dictionary<string, object> Dimension(string name, object value) =>
        new() { ["Name"] = name, ["Value"] = value };
}
