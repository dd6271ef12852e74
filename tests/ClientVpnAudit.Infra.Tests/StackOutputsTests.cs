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
    [InlineData(OutputNames.FunctionName, "AWS::Lambda::Function")]
    [InlineData(OutputNames.LogGroupName, "AWS::Logs::LogGroup")]
    [InlineData(OutputNames.AlarmTopicArn, "AWS::SNS::Topic")]
    public void Output_NamesTheDeployedResource(string output, string resourceType)
    {
        // Ref of a table, function or log group is its name; Ref of a topic is its ARN.
        _template.HasOutput(output, Match.ObjectLike(new Dictionary<string, object>
        {
            ["Value"] = Ref(_template.SingleLogicalId(resourceType)),
        }));
    }

    [Fact]
    public void Stack_HasNoOtherOutputs() => Assert.Equal(5, _template.FindOutputs("*").Count);
}
