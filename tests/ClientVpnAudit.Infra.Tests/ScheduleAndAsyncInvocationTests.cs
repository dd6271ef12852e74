using Amazon.CDK.Assertions;
using ClientVpnAudit.Infra.Constructs;
using static ClientVpnAudit.Infra.Tests.TemplateJson;

namespace ClientVpnAudit.Infra.Tests;

public sealed class ScheduleAndAsyncInvocationTests(DefaultStackFixture stack) : IClassFixture<DefaultStackFixture>
{
    private const int FiveMinutesInSeconds = 300;
    private readonly Template _template = stack.Template;

    private string FunctionId => _template.FunctionResourceId(CentralStackNames.Planner);

    private string QueueId => _template.DeadLetterQueueId();

    [Fact]
    public void Rule_StartsThePlannerEveryFiveMinutesByDefault()
    {
        _template.ResourceCountIs("AWS::Events::Rule", 1);
        _template.HasResourceProperties("AWS::Events::Rule", Match.ObjectLike(new Dictionary<string, object>
        {
            ["ScheduleExpression"] = "rate(5 minutes)",
            ["State"] = "ENABLED",
            ["Targets"] = new object[]
            {
                Match.ObjectLike(new Dictionary<string, object>
                {
                    ["Arn"] = GetAtt(FunctionId, "Arn"),
                    ["RetryPolicy"] = new Dictionary<string, object>
                    {
                        ["MaximumEventAgeInSeconds"] = FiveMinutesInSeconds,
                        ["MaximumRetryAttempts"] = ScheduleConstruct.DeliveryRetryAttempts,
                    },
                }),
            },
        }));
    }

    [Fact]
    public void Rule_IsAllowedToInvokeTheFunction()
    {
        var ruleId = _template.SingleLogicalId("AWS::Events::Rule");
        _template.HasResourceProperties("AWS::Lambda::Permission", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Action"] = "lambda:InvokeFunction",
            ["FunctionName"] = GetAtt(FunctionId, "Arn"),
            ["Principal"] = "events.amazonaws.com",
            ["SourceArn"] = GetAtt(ruleId, "Arn"),
        }));
    }

    [Fact]
    public void AsyncInvocation_RetriesOnce_AndDropsEventsOlderThanOneInterval()
    {
        _template.ResourceCountIs("AWS::Lambda::EventInvokeConfig", 1);
        _template.HasResourceProperties("AWS::Lambda::EventInvokeConfig", new Dictionary<string, object>
        {
            ["FunctionName"] = Ref(FunctionId),
            ["Qualifier"] = "$LATEST",
            ["MaximumRetryAttempts"] = 1,
            ["MaximumEventAgeInSeconds"] = FiveMinutesInSeconds,
        });
    }

    [Fact]
    public void DroppedEvents_GoToTheDeadLetterQueue_AndOnlyThePlannerIsInvokedAsynchronously()
    {
        Assert.Equivalent(new Dictionary<string, object> { ["TargetArn"] = GetAtt(QueueId, "Arn") },
            _template.Properties(FunctionId)["DeadLetterConfig"], strict: true);
        Assert.False(_template.Properties(_template.FunctionResourceId(CentralStackNames.Worker)).ContainsKey("DeadLetterConfig"));
    }

    [Fact]
    public void DeadLetterQueue_IsEncryptedAndKeepsMessagesFourteenDays()
    {
        _template.HasResourceProperties("AWS::SQS::Queue", Match.ObjectLike(new Dictionary<string, object>
        {
            ["SqsManagedSseEnabled"] = true,
            ["MessageRetentionPeriod"] = 14 * 24 * 3600,
        }));
    }

    [Fact]
    public void DeadLetterQueue_RefusesRequestsWithoutTls()
    {
        _template.HasResourceProperties("AWS::SQS::QueuePolicy", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Queues"] = new object[] { Ref(QueueId) },
            ["PolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Statement"] = Match.ArrayWith(new object[]
                {
                    Match.ObjectLike(new Dictionary<string, object>
                    {
                        ["Effect"] = "Deny",
                        ["Condition"] = new Dictionary<string, object>
                        {
                            ["Bool"] = new Dictionary<string, object> { ["aws:SecureTransport"] = "false" },
                        },
                    }),
                }),
            }),
        }));
    }
}
