using Amazon.CDK.Assertions;
using ClientVpnAudit.Infra.Configuration;
using ClientVpnAudit.Infra.Constructs;
using static ClientVpnAudit.Infra.Tests.TemplateJson;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>The work queue, its dead-letter queue, and the event source mapping that starts the workers.</summary>
public sealed class WorkQueueTests(DefaultStackFixture stack) : IClassFixture<DefaultStackFixture>
{
    private const string MappingType = "AWS::Lambda::EventSourceMapping";
    private readonly Template _template = stack.Template;

    [Fact]
    public void Stack_HasThePlannersDeadLetterQueue_TheWorkQueue_AndItsDeadLetterQueue() => _template.ResourceCountIs("AWS::SQS::Queue", 3);

    [Fact]
    public void WorkQueue_IsEncrypted_HidesAMessageSixWorkerTimeouts_AndMovesOneThatFailedThreeTimes()
    {
        Assert.Equivalent(new Dictionary<string, object>
        {
            ["SqsManagedSseEnabled"] = true,
            ["VisibilityTimeout"] = 6 * 120,
            ["MessageRetentionPeriod"] = 4 * 6 * 120,
            ["RedrivePolicy"] = new Dictionary<string, object>
            {
                ["deadLetterTargetArn"] = GetAtt(_template.WorkDeadLetterQueueId(), "Arn"),
                ["maxReceiveCount"] = 3,
            },
        }, _template.Properties(_template.WorkQueueId()), strict: true);
    }

    [Fact]
    public void Retention_OutlastsEveryReceive_SoAFailingMessageReachesTheDeadLetterQueue_AndSeveralPollIntervals()
    {
        Assert.True(WorkQueueConstruct.Retention > WorkQueueConstruct.VisibilityTimeout * WorkQueueConstruct.MaxReceiveCount);
        Assert.True(WorkQueueConstruct.Retention >= 2 * TimeSpan.FromMinutes(ScheduleInterval.MaximumMinutes));
    }

    [Fact]
    public void WorkDeadLetterQueue_IsEncrypted_AndKeepsMessagesFourteenDays() =>
        Assert.Equivalent(new Dictionary<string, object>
        {
            ["SqsManagedSseEnabled"] = true,
            ["MessageRetentionPeriod"] = 14 * 24 * 3600,
        }, _template.Properties(_template.WorkDeadLetterQueueId()), strict: true);

    [Fact]
    public void EveryQueue_RefusesRequestsWithoutTls()
    {
        var queueIds = _template.FindResources("AWS::SQS::Queue").Keys;
        var policies = _template.FindResources("AWS::SQS::QueuePolicy", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Properties"] = Match.ObjectLike(new Dictionary<string, object>
            {
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
            }),
        }));

        var protectedQueues = policies.Keys.SelectMany(policyId => AsList(_template.Properties(policyId)["Queues"]))
            .Select(queue => (string)((IDictionary<string, object>)queue)["Ref"]);
        Assert.Equal(queueIds.Order(), protectedQueues.Order());
    }

    [Fact]
    public void Mapping_StartsTheWorker_OneEndpointAtATime_ReportingBatchItemFailures_AtMostTenAtOnce()
    {
        _template.ResourceCountIs(MappingType, 1);
        Assert.Equivalent(new Dictionary<string, object>
        {
            ["EventSourceArn"] = GetAtt(_template.WorkQueueId(), "Arn"),
            ["FunctionName"] = Ref(_template.FunctionResourceId(CentralStackNames.Worker)),
            ["BatchSize"] = 1,
            ["FunctionResponseTypes"] = new object[] { "ReportBatchItemFailures" },
            ["ScalingConfig"] = new Dictionary<string, object> { ["MaximumConcurrency"] = StackOptions.DefaultMaxWorkers },
        }, _template.Properties(_template.SingleLogicalId(MappingType)), strict: true);
        Assert.Equal(10, StackOptions.DefaultMaxWorkers);
    }

    [Fact]
    public void MaxWorkers_FromContext_BoundsTheWorkers()
    {
        var template = TestStacks.Synthesize(new Dictionary<string, object> { [ContextKeys.MaxWorkers] = "50" });

        template.HasResourceProperties(MappingType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["ScalingConfig"] = new Dictionary<string, object> { ["MaximumConcurrency"] = 50 },
        }));
    }

    [Fact]
    public void Mapping_IsCreatedAfterTheWorkersRoleMayReadTheQueue()
    {
        // CloudFormation checks the role's permissions when it creates the mapping: the function (which the mapping
        // references) must wait for the role's policy.
        var dependsOn = AsList(_template.Resource(_template.FunctionResourceId(CentralStackNames.Worker))["DependsOn"]);

        Assert.Contains(_template.FunctionResourceId(CentralStackNames.Worker, "AWS::IAM::Policy"), dependsOn.Cast<string>());
    }
}
