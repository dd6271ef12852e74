using Amazon.CDK.Assertions;
using ClientVpnAudit.Infra.Configuration;
using ClientVpnAudit.Infra.Constructs;
using static ClientVpnAudit.Infra.Tests.TemplateJson;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>
/// The planner's and the worker's roles may each assume the member role of each target account other than their own,
/// and nothing else.
/// </summary>
public sealed class AssumeMemberRoleTests
{
    [Fact]
    public void TwoTargetAccounts_GetExactlyOneStatement_OnEachAccountsMemberRole()
    {
        var template = TestStacks.Synthesize(new Dictionary<string, object>
        {
            // 222222222222 twice (two regions): one grant per account.
            [ContextKeys.Targets] = "222222222222:eu-west-1,333333333333:us-east-2,222222222222:us-east-1",
            [ContextKeys.MemberRoleName] = "AuditReader",
        });

        Assert.All(AssumeStatementOfEachRole(template), statement => Assert.Equivalent(new Dictionary<string, object>
        {
            ["Action"] = "sts:AssumeRole",
            ["Effect"] = "Allow",
            ["Resource"] = new object[] { MemberRoleArn("222222222222", "AuditReader"), MemberRoleArn("333333333333", "AuditReader") },
        }, statement, strict: true));
    }

    [Fact]
    public void Targets_WithoutMemberRoleName_GrantTheArchiversDefaultRoleName()
    {
        var template = TestStacks.Synthesize(new Dictionary<string, object> { [ContextKeys.Targets] = "222222222222:eu-west-1" });

        Assert.All(AssumeStatementOfEachRole(template), statement =>
            Assert.Equivalent(MemberRoleArn("222222222222", "ClientVpnAuditReader"), Assert.Single(AsList(statement["Resource"])), strict: true));
    }

    [Fact]
    public void DefaultTargets_GrantNoAssumeRoleAtAll()
    {
        var template = TestStacks.Synthesize(new Dictionary<string, object> { [ContextKeys.MemberRoleName] = "AuditReader" });

        Assert.DoesNotContain(template.IdentityPolicyStatements().SelectMany(Actions), action => action.StartsWith("sts:", StringComparison.Ordinal));
    }

    [Fact]
    public void StackWithExplicitAccount_LeavesItsOwnAccountOut()
    {
        var stack = TestStacks.CreateInAccount("111111111111", new Dictionary<string, object>
        {
            [ContextKeys.Targets] = "111111111111:eu-west-1,222222222222:eu-west-1",
        });

        Assert.All(AssumeStatementOfEachRole(Template.FromStack(stack)), statement =>
            Assert.Equivalent(MemberRoleArn("222222222222", "ClientVpnAuditReader"), Assert.Single(AsList(statement["Resource"])), strict: true));
    }

    [Fact]
    public void StackWithExplicitAccount_TargetingOnlyItself_GrantsNoAssumeRole()
    {
        var stack = TestStacks.CreateInAccount("111111111111", new Dictionary<string, object>
        {
            [ContextKeys.Targets] = "111111111111:eu-west-1,111111111111:us-east-1",
        });

        Assert.DoesNotContain(Template.FromStack(stack).IdentityPolicyStatements().SelectMany(Actions), action => action.StartsWith("sts:", StringComparison.Ordinal));
    }

    [Fact]
    public void EnvironmentAgnosticStack_CannotTellItsOwnAccount_SoEveryTargetAccountIsGranted()
    {
        // The own account is AWS::AccountId until deploy; a grant on its own member role is harmless (see MemberAccounts).
        Assert.Equal(["111111111111", "222222222222"], ArchiverRoleConstruct.MemberAccounts(
            [new("111111111111", "eu-west-1"), new("222222222222", "eu-west-1")], Amazon.CDK.Aws.ACCOUNT_ID));
        Assert.Equal(["222222222222"], ArchiverRoleConstruct.MemberAccounts(
            [new("111111111111", "eu-west-1"), new("222222222222", "eu-west-1")], "111111111111"));
    }

    /// <summary>The one sts statement of the planner's role and of the worker's role.</summary>
    private static IEnumerable<IReadOnlyDictionary<string, object>> AssumeStatementOfEachRole(Template template) =>
        CentralStackNames.RoleOwners.Select(owner =>
            Assert.Single(template.RoleStatements(owner), candidate => Actions(candidate).Any(action => action.StartsWith("sts:", StringComparison.Ordinal))));

    /// <summary>arn:PARTITION:iam::ACCOUNT:role/NAME as the template holds it.</summary>
    private static Dictionary<string, object> MemberRoleArn(string account, string roleName) => new()
    {
        ["Fn::Join"] = new object[] { "", new object[] { "arn:", Ref("AWS::Partition"), $":iam::{account}:role/{roleName}" } },
    };
}
