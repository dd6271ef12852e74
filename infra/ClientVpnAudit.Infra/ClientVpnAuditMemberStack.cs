using Amazon.CDK;
using ClientVpnAudit.Infra.Configuration;
using ClientVpnAudit.Infra.Constructs;
using Constructs;

namespace ClientVpnAudit.Infra;

public sealed class ClientVpnAuditMemberStackProps : StackProps
{
    public required MemberStackOptions Options { get; init; }
}

/// <summary>
/// Deployed once in each member account (IAM is global: one region is enough): the read-only role the central
/// ClientVpnAudit archiver assumes to archive that account's Client VPN connections.
/// </summary>
public sealed class ClientVpnAuditMemberStack : Stack
{
    public const string Name = "ClientVpnAuditMember";

    public MemberRoleConstruct Reader { get; }

    public ClientVpnAuditMemberStack(Construct scope, string id, ClientVpnAuditMemberStackProps props) : base(scope, id, props)
    {
        var options = props.Options;
        Reader = new MemberRoleConstruct(this, "Reader", new MemberRoleProps
        {
            RoleName = options.MemberRoleName,
            CentralAccountId = options.CentralAccountId,
            OrganizationId = options.OrganizationId,
        });

        _ = new CfnOutput(this, MemberOutputNames.MemberRoleArn, new CfnOutputProps
        {
            Value = Reader.Role.RoleArn,
            Description = "The role the central archiver assumes in this account",
        });
    }
}

/// <summary>The member stack's outputs.</summary>
public static class MemberOutputNames
{
    public const string MemberRoleArn = "MemberRoleArn";
}
