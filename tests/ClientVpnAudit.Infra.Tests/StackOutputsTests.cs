using Amazon.CDK.Assertions;
using static ClientVpnAudit.Infra.Tests.TemplateJson;

namespace ClientVpnAudit.Infra.Tests;

public sealed class StackOutputsTests(DefaultStackFixture stack) : IClassFixture<DefaultStackFixture>
{
    private readonly Template _template = stack.Template;

    [Fact]
    public void TableOutputs_NameTheSessionsTableAndTheEndpointStateTable()
    {
        _template.HasOutput(OutputNames.TableName, Match.ObjectLike(new Dictionary<string, object> { ["Value"] = Ref(_template.SessionsTableId()) }));
        _template.HasOutput(OutputNames.EndpointTableName,
            Match.ObjectLike(new Dictionary<string, object> { ["Value"] = Ref(_template.EndpointTableId()) }));
    }

    [Theory]
    [InlineData(OutputNames.PlannerFunctionName, CentralStackNames.Planner, "AWS::Lambda::Function")]
    [InlineData(OutputNames.WorkerFunctionName, CentralStackNames.Worker, "AWS::Lambda::Function")]
    [InlineData(OutputNames.PlannerLogGroupName, CentralStackNames.Planner, "AWS::Logs::LogGroup")]
    [InlineData(OutputNames.WorkerLogGroupName, CentralStackNames.Worker, "AWS::Logs::LogGroup")]
    public void Output_NamesTheFunctionsResource(string output, string constructId, string resourceType) =>
        // Ref of a function or log group is its name.
        _template.HasOutput(output, Match.ObjectLike(new Dictionary<string, object>
        {
            ["Value"] = Ref(_template.FunctionResourceId(constructId, resourceType)),
        }));

    [Fact]
    public void QueueOutputs_AreTheWorkQueuesUrls_AndTheTopicOutputItsArn()
    {
        // Ref of a queue is its URL; Ref of a topic is its ARN.
        _template.HasOutput(OutputNames.WorkQueueUrl, Match.ObjectLike(new Dictionary<string, object> { ["Value"] = Ref(_template.WorkQueueId()) }));
        _template.HasOutput(OutputNames.WorkDeadLetterQueueUrl,
            Match.ObjectLike(new Dictionary<string, object> { ["Value"] = Ref(_template.WorkDeadLetterQueueId()) }));
        _template.HasOutput(OutputNames.AlarmTopicArn,
            Match.ObjectLike(new Dictionary<string, object> { ["Value"] = Ref(_template.SingleLogicalId("AWS::SNS::Topic")) }));
    }

    [Fact]
    public void Stack_HasNoOtherOutputs() => Assert.Equal(9, _template.FindOutputs("*").Count);
}
