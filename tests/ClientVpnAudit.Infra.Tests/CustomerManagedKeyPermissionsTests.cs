using Amazon.CDK.Assertions;
using ClientVpnAudit.Infra.Constructs;
using static ClientVpnAudit.Infra.Tests.TemplateJson;

namespace ClientVpnAudit.Infra.Tests;

public sealed class CustomerManagedKeyPermissionsTests(CustomizedStackFixture stack) : IClassFixture<CustomizedStackFixture>
{
    private readonly Template _template = stack.Template;

    [Theory]
    [InlineData(CentralStackNames.Planner)]
    [InlineData(CentralStackNames.Worker)]
    public void EachRole_AddsExactlyTheKeyActions_AndTheAssumeRoleOfTheOtherAccounts(string constructId)
    {
        var defaults = Template.FromStack(TestStacks.Create()).RoleStatements(constructId).SelectMany(Actions);
        var actions = _template.RoleStatements(constructId).SelectMany(Actions);

        // The customized stack also names targets in other accounts: one sts:AssumeRole for their member roles.
        var expected = defaults.Concat(ArchiverRoleConstruct.KeyActions).Append(ArchiverRoleConstruct.AssumeMemberRoleAction);
        Assert.Equal(expected.Order(), actions.Order());
        Assert.All(actions, action => Assert.DoesNotContain("*", action));
    }

    [Theory]
    [InlineData(CentralStackNames.Planner)]
    [InlineData(CentralStackNames.Worker)]
    public void KeyActions_AreOnTheGivenKey_AndOnlyThroughDynamoDb(string constructId)
    {
        var statement = Assert.Single(_template.RoleStatements(constructId), candidate => Actions(candidate).Contains("kms:Decrypt"));

        Assert.Equal(TestStacks.KeyArn, statement["Resource"]);
        var viaService = new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object>
            {
                ["kms:ViaService"] = new Dictionary<string, object>
                {
                    ["Fn::Join"] = new object[] { "", new object[] { "dynamodb.", Ref("AWS::Region"), ".amazonaws.com" } },
                },
            },
        };
        Assert.Equivalent(viaService, statement["Condition"], strict: true);
    }
}
