using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Constructs;

namespace ClientVpnAudit.Infra.Constructs;

public sealed class MemberRoleProps
{
    /// <summary>The name the central archiver assumes the role by.</summary>
    public required string RoleName { get; init; }

    /// <summary>The account of the central stack.</summary>
    public required string CentralAccountId { get; init; }

    /// <summary>The organization the central account must belong to; null adds no organization condition.</summary>
    public required string? OrganizationId { get; init; }
}

/// <summary>
/// The role a member account lends the central archiver: the two Client VPN reads and nothing else, assumable only by
/// the central stack's planner and worker roles.
/// </summary>
public sealed class MemberRoleConstruct : Construct
{
    /// <summary>The inline policy that holds the two reads.</summary>
    public const string PolicyName = "ClientVpnRead";

    public Role Role { get; }

    public MemberRoleConstruct(Construct scope, string id, MemberRoleProps props) : base(scope, id)
    {
        var conditions = new Dictionary<string, object>
        {
            // The account principal alone would let any identity of the central account that is allowed sts:AssumeRole
            // in; only the central stack's own roles may.
            ["ArnLike"] = new Dictionary<string, object> { ["aws:PrincipalArn"] = CentralRoleArnPatterns(props.CentralAccountId) },
        };
        if (props.OrganizationId is { } organizationId)
        {
            conditions["StringEquals"] = new Dictionary<string, object> { ["aws:PrincipalOrgID"] = organizationId };
        }

        Role = new Role(this, "Role", new RoleProps
        {
            // A fixed physical name, unlike every other resource of this app: the central archiver assumes the role by
            // name (arn:aws:iam::ACCOUNT:role/MEMBER_ROLE_NAME), so it must be exactly that name in every member account.
            RoleName = props.RoleName,
            AssumedBy = new AccountPrincipal(props.CentralAccountId).WithConditions(conditions),
            Description = "ClientVpnAudit member: lets the central archiver list this account's Client VPN endpoints and connections",
            InlinePolicies = new Dictionary<string, PolicyDocument>
            {
                [PolicyName] = new(new PolicyDocumentProps
                {
                    Statements =
                    [
                        // Neither read supports resource-level permissions, so they need Resource "*".
                        new PolicyStatement(new PolicyStatementProps
                        {
                            Actions = ArchiverAccess.AllEc2Actions.ToArray(),
                            Resources = ["*"],
                        }),
                    ],
                }),
            },
        });
    }

    /// <summary>arn:PARTITION:iam::CENTRAL:role/ClientVpnAudit-Planner* and ...-Worker*.</summary>
    public static string[] CentralRoleArnPatterns(string centralAccountId) =>
        CentralStackNames.RoleOwners
            .Select(owner => $"arn:{Aws.PARTITION}:iam::{centralAccountId}:role/{CentralStackNames.RoleNamePrefix(owner)}*")
            .ToArray();
}
