using Amazon.CDK.Assertions;
using ClientVpnAudit.Infra.Constructs;
using static ClientVpnAudit.Infra.Tests.TemplateJson;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>Each function's role may make exactly the calls that function makes, on exactly its resources.</summary>
public sealed class PermissionsTests(DefaultStackFixture stack) : IClassFixture<DefaultStackFixture>
{
    private readonly Template _template = stack.Template;

    [Fact]
    public void PlannersRole_ListsEndpoints_ClosesGoneOnes_RecordsThem_AndSendsWork()
    {
        Assert.Equivalent(new object[]
        {
            Allow("ec2:DescribeClientVpnEndpoints", "*"),
            Allow(new[] { "dynamodb:BatchGetItem", "dynamodb:UpdateItem" }, SessionsTableArn),
            Allow("dynamodb:Scan", OpenSessionsIndexArn),
            Allow(new[] { "dynamodb:BatchGetItem", "dynamodb:UpdateItem" }, EndpointTableArn),
            Allow(new[] { "logs:CreateLogStream", "logs:PutLogEvents" }, LogGroupArn(CentralStackNames.Planner)),
            Allow("sqs:SendMessage", GetAtt(_template.DeadLetterQueueId(), "Arn")),
            Allow("sqs:SendMessage", GetAtt(_template.WorkQueueId(), "Arn")),
        }, _template.RoleStatements(CentralStackNames.Planner), strict: true);
    }

    [Fact]
    public void WorkersRole_ListsConnections_WritesSessions_RecordsTheAttempt_AndConsumesTheWorkQueue()
    {
        Assert.Equivalent(new object[]
        {
            Allow("ec2:DescribeClientVpnConnections", "*"),
            Allow(new[] { "dynamodb:BatchGetItem", "dynamodb:UpdateItem" }, SessionsTableArn),
            Allow("dynamodb:Query", OpenSessionsIndexArn),
            Allow("dynamodb:UpdateItem", EndpointTableArn),
            Allow(new[] { "logs:CreateLogStream", "logs:PutLogEvents" }, LogGroupArn(CentralStackNames.Worker)),
            Allow(new[] { "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility" }, GetAtt(_template.WorkQueueId(), "Arn")),
        }, _template.RoleStatements(CentralStackNames.Worker), strict: true);
    }

    [Fact]
    public void Stack_HasNoOtherIdentityPolicy() =>
        Assert.Equal(
            _template.RoleStatements(CentralStackNames.Planner).Count + _template.RoleStatements(CentralStackNames.Worker).Count,
            _template.IdentityPolicyStatements().Count);

    [Fact]
    public void Policies_OnlyAllow_AndUseNoWildcardAction()
    {
        var statements = _template.IdentityPolicyStatements();

        Assert.All(statements, statement => Assert.Equal("Allow", statement["Effect"]));
        Assert.All(statements.SelectMany(Actions), action => Assert.DoesNotContain("*", action));
    }

    [Fact]
    public void MemberRole_LendsExactlyTheReadsOfBothFunctions() =>
        Assert.Equal(["ec2:DescribeClientVpnEndpoints", "ec2:DescribeClientVpnConnections"], ArchiverAccess.AllEc2Actions);

    [Fact]
    public void Roles_AreForLambdaOnly_AndHaveNoManagedPolicies()
    {
        _template.ResourceCountIs("AWS::IAM::Role", 2);
        Assert.All(_template.FindResources("AWS::IAM::Role").Keys, roleId =>
        {
            var properties = _template.Properties(roleId);
            Assert.False(properties.ContainsKey("ManagedPolicyArns"));
            Assert.Equivalent(new Dictionary<string, object>
            {
                ["Action"] = "sts:AssumeRole",
                ["Effect"] = "Allow",
                ["Principal"] = new Dictionary<string, object> { ["Service"] = "lambda.amazonaws.com" },
            }, Assert.Single(AsList(((IDictionary<string, object>)properties["AssumeRolePolicyDocument"])["Statement"])), strict: true);
        });
    }

    [Fact]
    public void NoKeyPermissions_WithTheAwsOwnedKey() =>
        Assert.DoesNotContain(_template.IdentityPolicyStatements().SelectMany(Actions), action => action.StartsWith("kms:", StringComparison.Ordinal));

    private Dictionary<string, object> SessionsTableArn => GetAtt(_template.SessionsTableId(), "Arn");

    private Dictionary<string, object> EndpointTableArn => GetAtt(_template.EndpointTableId(), "Arn");

    /// <summary>The sparse index of open sessions: the only index either role may read, never the table by Scan or Query.</summary>
    private Dictionary<string, object> OpenSessionsIndexArn => new()
    {
        ["Fn::Join"] = new object[] { "", new object[] { SessionsTableArn, "/index/" + Archiver.Sessions.SessionTable.ActiveByEndpoint.Name } },
    };

    private Dictionary<string, object> LogGroupArn(string constructId) => GetAtt(_template.FunctionResourceId(constructId, "AWS::Logs::LogGroup"), "Arn");

    private static Dictionary<string, object> Allow(object actions, object resource) => new()
    {
        ["Action"] = actions,
        ["Effect"] = "Allow",
        ["Resource"] = resource,
    };
}
