using Amazon.CDK.Assertions;
using ClientVpnAudit.Infra.Configuration;
using static ClientVpnAudit.Infra.Tests.TemplateJson;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>The member stack as `npx cdk deploy ClientVpnAuditMember -c centralAccountId=123456789012` builds it.</summary>
public sealed class MemberStackFixture
{
    public const string CentralAccountId = "123456789012";

    public MemberStackFixture() =>
        Template = TestStacks.SynthesizeMember(new Dictionary<string, object> { [ContextKeys.CentralAccountId] = CentralAccountId });

    public Template Template { get; }
}

/// <summary>The member role: the two Client VPN reads, assumable only by the central stack's planner and worker roles.</summary>
public sealed class MemberStackTests(MemberStackFixture stack) : IClassFixture<MemberStackFixture>
{
    private readonly Template _template = stack.Template;

    [Fact]
    public void Stack_HoldsOneRole_AndNothingElse()
    {
        var types = ((IDictionary<string, object>)_template.ToJSON()["Resources"]).Values
            .Select(resource => (string)((IDictionary<string, object>)resource)["Type"])
            .Where(type => type != "AWS::CDK::Metadata");

        Assert.Equal(["AWS::IAM::Role"], types);
    }

    [Fact]
    public void Role_IsNamedExactlyTheArchiversDefaultMemberRoleName() =>
        Assert.Equal("ClientVpnAuditReader", _template.Properties(_template.SingleLogicalId("AWS::IAM::Role"))["RoleName"]);

    [Fact]
    public void Role_AllowsExactlyTheTwoClientVpnReads_OnAllResources_WithNoManagedPolicies()
    {
        var properties = _template.Properties(_template.SingleLogicalId("AWS::IAM::Role"));

        Assert.False(properties.ContainsKey("ManagedPolicyArns"));
        var statement = Assert.Single(_template.IdentityPolicyStatements());
        Assert.Equivalent(new Dictionary<string, object>
        {
            ["Action"] = new object[] { "ec2:DescribeClientVpnEndpoints", "ec2:DescribeClientVpnConnections" },
            ["Effect"] = "Allow",
            ["Resource"] = "*",
        }, statement, strict: true);
    }

    [Fact]
    public void Trust_IsTheCentralAccount_LimitedToTheCentralStacksPlannerAndWorkerRoles()
    {
        var statement = TrustStatement(_template);

        Assert.Equivalent(new Dictionary<string, object>
        {
            ["Action"] = "sts:AssumeRole",
            ["Effect"] = "Allow",
            ["Principal"] = new Dictionary<string, object> { ["AWS"] = PartitionArn(":iam::123456789012:root") },
            ["Condition"] = new Dictionary<string, object>
            {
                ["ArnLike"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = CentralRolePatterns },
            },
        }, statement, strict: true);
    }

    [Fact]
    public void Trust_WithOrganizationId_AlsoRequiresTheCallersOrganization()
    {
        var template = TestStacks.SynthesizeMember(new Dictionary<string, object>
        {
            [ContextKeys.CentralAccountId] = MemberStackFixture.CentralAccountId,
            [ContextKeys.OrganizationId] = "o-a1b2c3d4e5",
        });

        Assert.Equivalent(new Dictionary<string, object>
        {
            ["ArnLike"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = CentralRolePatterns },
            ["StringEquals"] = new Dictionary<string, object> { ["aws:PrincipalOrgID"] = "o-a1b2c3d4e5" },
        }, TrustStatement(template)["Condition"], strict: true);
    }

    [Fact]
    public void MemberRoleName_NamesTheRole()
    {
        var template = TestStacks.SynthesizeMember(new Dictionary<string, object>
        {
            [ContextKeys.CentralAccountId] = MemberStackFixture.CentralAccountId,
            [ContextKeys.MemberRoleName] = "AuditReader",
        });

        Assert.Equal("AuditReader", template.Properties(template.SingleLogicalId("AWS::IAM::Role"))["RoleName"]);
    }

    [Fact]
    public void Output_IsTheMemberRoleArn()
    {
        _template.HasOutput(MemberOutputNames.MemberRoleArn, Match.ObjectLike(new Dictionary<string, object>
        {
            ["Value"] = GetAtt(_template.SingleLogicalId("AWS::IAM::Role"), "Arn"),
        }));
        Assert.Single(_template.FindOutputs("*"));
    }

    /// <summary>Spelled out here, not built from CentralStackNames, so a change of those names shows up as a failing test.</summary>
    private static readonly object[] CentralRolePatterns =
    [
        PartitionArn(":iam::123456789012:role/ClientVpnAudit-Planner*"),
        PartitionArn(":iam::123456789012:role/ClientVpnAudit-Worker*"),
    ];

    private static Dictionary<string, object> PartitionArn(string rest) => new()
    {
        ["Fn::Join"] = new object[] { "", new object[] { "arn:", Ref("AWS::Partition"), rest } },
    };

    private static IReadOnlyDictionary<string, object> TrustStatement(Template template)
    {
        var trust = (IDictionary<string, object>)template.Properties(template.SingleLogicalId("AWS::IAM::Role"))["AssumeRolePolicyDocument"];
        return (IReadOnlyDictionary<string, object>)Assert.Single(AsList(trust["Statement"]));
    }
}
