using System.Text.RegularExpressions;
using ClientVpnAudit.Archiver.Configuration;
using Constructs;

namespace ClientVpnAudit.Infra.Configuration;

/// <summary>
/// What the member stack needs: the central account whose archiver roles its role trusts, optionally the organization
/// that account must belong to, and the role's name (the central stack's memberRoleName).
/// </summary>
public sealed partial record MemberStackOptions
{
    public required string CentralAccountId { get; init; }

    /// <summary>The organization the central account must belong to (aws:PrincipalOrgID); null adds no such condition.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>The name the central archiver assumes the role by (MEMBER_ROLE_NAME).</summary>
    public string MemberRoleName { get; init; } = ArchiverOptions.DefaultMemberRoleName;

    /// <summary>
    /// The context asks for the member stack when it gives centralAccountId or organizationId (neither is a setting of
    /// the central stack). Without them the app is the central stack alone, so `npx cdk synth` and `npx cdk deploy`
    /// with no stack name keep working.
    /// </summary>
    public static bool IsRequested(Func<string, object?> rawContext) =>
        ContextValue.IsSet(rawContext(ContextKeys.CentralAccountId)) || ContextValue.IsSet(rawContext(ContextKeys.OrganizationId));

    public static MemberStackOptions FromContext(Node node) => FromContext(node.TryGetContext);

    /// <summary>
    /// Reads the member stack's options; memberRoleName comes from `-c env`'s block when there is one, so a member
    /// account can take the very name its central environment uses.
    /// </summary>
    /// <exception cref="InvalidContextException">centralAccountId is missing, or a value is malformed.</exception>
    public static MemberStackOptions FromContext(Func<string, object?> rawContext)
    {
        var context = DeploymentEnvironment.Select(rawContext);
        if (!ContextValue.IsSet(context(ContextKeys.CentralAccountId)))
        {
            throw new InvalidContextException(ContextKeys.CentralAccountId, null,
                $"the member stack needs the central stack's 12-digit account: npx cdk deploy {ClientVpnAuditMemberStack.Name} -c {ContextKeys.CentralAccountId}=123456789012");
        }

        return new MemberStackOptions
        {
            CentralAccountId = StackOptions.ArchiverSetting(context, ContextKeys.CentralAccountId, ArchiverOptionsReader.ReadAccountId, ""),
            OrganizationId = ParseOrganizationId(context(ContextKeys.OrganizationId)),
            MemberRoleName = StackOptions.ArchiverSetting(context, ContextKeys.MemberRoleName, ArchiverOptionsReader.ReadMemberRoleName,
                ArchiverOptions.DefaultMemberRoleName),
        };
    }

    private static string? ParseOrganizationId(object? raw)
    {
        var id = ContextValue.Text(ContextKeys.OrganizationId, raw);
        return id is null || OrganizationIdPattern().IsMatch(id)
            ? id
            : throw new InvalidContextException(ContextKeys.OrganizationId, raw, "expected an AWS Organizations ID such as o-a1b2c3d4e5");
    }

    [GeneratedRegex("^o-[a-z0-9]{10,32}$")]
    private static partial Regex OrganizationIdPattern();
}
