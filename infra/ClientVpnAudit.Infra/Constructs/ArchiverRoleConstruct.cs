using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Logs;
using ClientVpnAudit.Archiver.Sessions;
using Constructs;

namespace ClientVpnAudit.Infra.Constructs;

public sealed class ArchiverRoleProps
{
    public required ITable Table { get; init; }

    public required ITable EndpointTable { get; init; }

    /// <summary>The table's customer-managed key, or null for the AWS-owned key (which needs no permission).</summary>
    public required IKey? TableEncryptionKey { get; init; }

    public required ILogGroup LogGroup { get; init; }

    /// <summary>Every account and region the archiver polls; empty means only the stack's own.</summary>
    public required IReadOnlyList<Target> Targets { get; init; }

    /// <summary>The role the archiver assumes in a target of another account.</summary>
    public required string MemberRoleName { get; init; }

    public required ArchiverAccess Access { get; init; }

    /// <summary>Which function the role is for.</summary>
    public required string Description { get; init; }
}

/// <summary>
/// The execution role of one of the archiver's functions, limited to the calls that function makes
/// (<see cref="ArchiverAccess"/>): no managed policies, no wildcard actions.
/// </summary>
public sealed class ArchiverRoleConstruct : Construct
{
    /// <summary>
    /// What CDK's read/write table grant gives on a customer-managed key, spelled out without wildcards
    /// (kms:ReEncrypt* and kms:GenerateDataKey* less the asymmetric key-pair calls DynamoDB never makes).
    /// </summary>
    public static readonly IReadOnlyList<string> KeyActions =
    [
        "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext",
        "kms:ReEncryptFrom", "kms:ReEncryptTo",
    ];

    /// <summary>The archiver reads another account's endpoints through that account's member role.</summary>
    public const string AssumeMemberRoleAction = "sts:AssumeRole";

    public Role Role { get; }

    public ArchiverRoleConstruct(Construct scope, string id, ArchiverRoleProps props) : base(scope, id)
    {
        Role = new Role(this, "Role", new RoleProps
        {
            AssumedBy = new ServicePrincipal("lambda.amazonaws.com"),
            Description = props.Description,
        });

        var access = props.Access;
        Allow(access.Ec2Actions, "*");
        Allow(access.SessionTableActions, props.Table.TableArn);
        Allow([access.OpenSessionsIndexAction], $"{props.Table.TableArn}/index/{SessionTable.ActiveByEndpoint.Name}");
        Allow(access.EndpointTableActions, props.EndpointTable.TableArn);

        if (props.TableEncryptionKey is { } key)
        {
            Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = KeyActions.ToArray(),
                Resources = [key.KeyArn],
                // Only through DynamoDB: the role cannot use the key directly.
                Conditions = new Dictionary<string, object>
                {
                    ["StringEquals"] = new Dictionary<string, object>
                    {
                        ["kms:ViaService"] = $"dynamodb.{Aws.REGION}.amazonaws.com",
                    },
                },
            }));
        }

        var memberAccounts = MemberAccounts(props.Targets, Stack.Of(this).Account);
        if (memberAccounts.Count > 0)
        {
            Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps
            {
                Actions = [AssumeMemberRoleAction],
                Resources = memberAccounts.Select(account => MemberRoleArn(account, props.MemberRoleName)).ToArray(),
            }));
        }

        // The log group already exists, so no logs:CreateLogGroup: just streams and events in this one group.
        props.LogGroup.GrantWrite(Role);
    }

    private void Allow(IEnumerable<string> actions, string resource) =>
        Role.AddToPrincipalPolicy(new PolicyStatement(new PolicyStatementProps { Actions = actions.ToArray(), Resources = [resource] }));

    /// <summary>The member role of an account, in the stack's partition.</summary>
    public static string MemberRoleArn(string accountId, string roleName) => $"arn:{Aws.PARTITION}:iam::{accountId}:role/{roleName}";

    /// <summary>
    /// The distinct target accounts whose member role the archiver may assume: those other than the stack's own.
    /// Without an explicit env, the stack's own account is a CloudFormation reference (AWS::AccountId) at synth, which
    /// cannot be compared with a target's account, so every target account is kept, the own one included if listed.
    /// That grant is harmless: the archiver reads its own account with its own role and never assumes a member role
    /// there, and a member role in the central account (if someone deployed the member stack there) allows only the
    /// two Client VPN reads this role already has. With an explicit env the own account is left out.
    /// </summary>
    public static IReadOnlyList<string> MemberAccounts(IReadOnlyList<Target> targets, string ownAccount) =>
        targets.Select(target => target.AccountId)
            .Distinct(StringComparer.Ordinal)
            .Where(account => Token.IsUnresolved(ownAccount) || account != ownAccount)
            .ToArray();
}
