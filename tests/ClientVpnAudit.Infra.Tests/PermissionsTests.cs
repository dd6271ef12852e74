using Amazon.CDK.Assertions;
using ClientVpnAudit.Infra.Constructs;
using static ClientVpnAudit.Infra.Tests.TemplateJson;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>The archiver's role may make exactly the calls the archiver makes, on exactly its resources.</summary>
public sealed class PermissionsTests(DefaultStackFixture stack) : IClassFixture<DefaultStackFixture>
{
    public static readonly IReadOnlyList<string> ExpectedActions =
    [
        "ec2:DescribeClientVpnEndpoints", "ec2:DescribeClientVpnConnections",
        "dynamodb:BatchGetItem", "dynamodb:UpdateItem", "dynamodb:Query", "dynamodb:Scan",
        "dynamodb:BatchGetItem", "dynamodb:UpdateItem",
        "logs:CreateLogStream", "logs:PutLogEvents",
        "sqs:SendMessage",
    ];

    private readonly Template _template = stack.Template;

    private IReadOnlyList<IReadOnlyDictionary<string, object>> Statements => _template.IdentityPolicyStatements();

    [Fact]
    public void Policies_AllowExactlyTheArchiversCalls()
    {
        var actions = Statements.SelectMany(Actions).ToList();

        Assert.Equal(ExpectedActions.Order(), actions.Order());
    }

    [Fact]
    public void Policies_OnlyAllow_AndUseNoWildcardAction()
    {
        Assert.All(Statements, statement => Assert.Equal("Allow", statement["Effect"]));
        Assert.All(Statements.SelectMany(Actions), action => Assert.DoesNotContain("*", action));
    }

    [Fact]
    public void Role_IsForLambdaOnly_AndHasNoManagedPolicies()
    {
        _template.ResourceCountIs("AWS::IAM::Role", 1);
        _template.HasResourceProperties("AWS::IAM::Role", Match.ObjectLike(new Dictionary<string, object>
        {
            ["AssumeRolePolicyDocument"] = Match.ObjectLike(new Dictionary<string, object>
            {
                ["Statement"] = new object[]
                {
                    new Dictionary<string, object>
                    {
                        ["Action"] = "sts:AssumeRole",
                        ["Effect"] = "Allow",
                        ["Principal"] = new Dictionary<string, object> { ["Service"] = "lambda.amazonaws.com" },
                    },
                },
            }),
            ["ManagedPolicyArns"] = Match.Absent(),
        }));
    }

    [Fact]
    public void ClientVpnReads_AreOnAllResources_BecauseTheyHaveNoResourceLevelPermissions()
    {
        var statement = StatementWith("ec2:DescribeClientVpnConnections");

        Assert.Equal(ArchiverRoleConstruct.Ec2Actions.Order(), Actions(statement).Order());
        Assert.Equal("*", statement["Resource"]);
    }

    [Fact]
    public void TableActions_AreOnTheTableAndItsIndexes()
    {
        var tableId = _template.SessionsTableId();
        var statement = StatementWith("dynamodb:Query");

        Assert.Equal(ArchiverRoleConstruct.TableActions.Order(), Actions(statement).Order());
        var tableArn = GetAtt(tableId, "Arn");
        var indexArns = new Dictionary<string, object>
        {
            ["Fn::Join"] = new object[] { "", new object[] { tableArn, "/index/*" } },
        };
        Assert.Equivalent(new object[] { tableArn, indexArns }, statement["Resource"], strict: true);
    }

    [Fact]
    public void Scan_IsOnTheSparseOpenSessionsIndexOnly_NeverOnTheTable()
    {
        var tableId = _template.SessionsTableId();
        var statement = StatementWith(ArchiverRoleConstruct.OpenSessionsScanAction);

        Assert.Equal([ArchiverRoleConstruct.OpenSessionsScanAction], Actions(statement));
        var indexArn = new Dictionary<string, object>
        {
            ["Fn::Join"] = new object[] { "", new object[] { GetAtt(tableId, "Arn"), "/index/" + Archiver.Sessions.SessionTable.ActiveByEndpoint.Name } },
        };
        Assert.Equivalent(indexArn, statement["Resource"], strict: true);
    }

    [Fact]
    public void EndpointTableActions_AreOnTheEndpointStateTableOnly()
    {
        var endpointTableArn = GetAtt(_template.EndpointTableId(), "Arn");
        var statement = Assert.Single(Statements, candidate => JsonEquivalent(candidate["Resource"], endpointTableArn)
            || (candidate["Resource"] is object[] resources && resources.Any(resource => JsonEquivalent(resource, endpointTableArn))));

        Assert.Equal(ArchiverRoleConstruct.EndpointTableActions.Order(), Actions(statement).Order());
    }

    private static bool JsonEquivalent(object left, object right) =>
        System.Text.Json.JsonSerializer.Serialize(left) == System.Text.Json.JsonSerializer.Serialize(right);

    [Fact]
    public void LogWrites_AreOnTheFunctionsLogGroupOnly()
    {
        var logGroupId = _template.SingleLogicalId("AWS::Logs::LogGroup");
        var statement = StatementWith("logs:PutLogEvents");

        Assert.Equal(new[] { "logs:CreateLogStream", "logs:PutLogEvents" }, Actions(statement).Order());
        Assert.Equivalent(GetAtt(logGroupId, "Arn"), statement["Resource"], strict: true);
    }

    [Fact]
    public void SendMessage_IsOnTheDeadLetterQueueOnly()
    {
        var queueId = _template.SingleLogicalId("AWS::SQS::Queue");
        var statement = StatementWith("sqs:SendMessage");

        Assert.Equal(new[] { "sqs:SendMessage" }, Actions(statement));
        Assert.Equivalent(GetAtt(queueId, "Arn"), statement["Resource"], strict: true);
    }

    [Fact]
    public void NoKeyPermissions_WithTheAwsOwnedKey() =>
        Assert.DoesNotContain(Statements.SelectMany(Actions), action => action.StartsWith("kms:", StringComparison.Ordinal));

    private IReadOnlyDictionary<string, object> StatementWith(string action) =>
        Assert.Single(Statements, statement => Actions(statement).Contains(action));
}
