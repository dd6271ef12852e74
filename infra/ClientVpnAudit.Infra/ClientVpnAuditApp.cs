using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using ClientVpnAudit.Infra.Configuration;

namespace ClientVpnAudit.Infra;

/// <summary>The app's stacks; Member is null when the context does not ask for it.</summary>
public sealed record AppStacks(ClientVpnAuditStack Central, ClientVpnAuditMemberStack? Member);

/// <summary>The stacks of the CDK app, built from the App's context (Program.cs, and the tests the same way).</summary>
public static class ClientVpnAuditApp
{
    /// <summary>
    /// The central stack always. The member stack only when the context asks for it (centralAccountId, which it
    /// requires, or organizationId): with no member context the app is the central stack alone, so `npx cdk synth` and
    /// `npx cdk deploy -c env=NAME` need no stack name, and a member account deploys with
    /// `npx cdk deploy ClientVpnAuditMember -c centralAccountId=...`.
    /// </summary>
    /// <exception cref="InvalidContextException">A context value is refused; the message names the key and the value.</exception>
    public static AppStacks AddStacks(App app, Code archiverCode)
    {
        var central = new ClientVpnAuditStack(app, CentralStackNames.StackName, new ClientVpnAuditStackProps
        {
            Description = "ClientVpnAudit: archives AWS Client VPN connections into DynamoDB",
            Options = StackOptions.FromContext(app.Node),
            ArchiverCode = archiverCode,
        });

        var member = MemberStackOptions.IsRequested(app.Node.TryGetContext)
            ? new ClientVpnAuditMemberStack(app, ClientVpnAuditMemberStack.Name, new ClientVpnAuditMemberStackProps
            {
                Description = "ClientVpnAudit member: the read-only role the central archiver assumes in this account",
                Options = MemberStackOptions.FromContext(app.Node),
            })
            : null;

        return new AppStacks(central, member);
    }
}
