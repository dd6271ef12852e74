using System.Collections.Concurrent;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SecurityToken;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Archiver.Targets;

/// <summary>
/// An EC2 client per target, made once and kept: in the function's own account with its own credentials, in another
/// account with <c>arn:PARTITION:iam::ACCOUNT:role/MEMBER_ROLE_NAME</c> assumed through STS (one set of credentials per
/// account, refreshed before they expire).
/// </summary>
/// <param name="own">The function's own account, and its region (whose partition every member role shares).</param>
/// <param name="createEc2">Makes a client for a target from credentials; null credentials mean the function's own.</param>
public sealed class TargetClients(
    Target own,
    string memberRoleName,
    IAmazonSecurityTokenService sts,
    Func<Target, AWSCredentials?, IAmazonEC2> createEc2) : IDisposable
{
    /// <summary>How a member account's CloudTrail names the archiver's requests.</summary>
    public const string SessionName = "ClientVpnAudit";

    private readonly ConcurrentDictionary<Target, IAmazonEC2> _clients = new();
    private readonly ConcurrentDictionary<string, AssumedRoleCredentials> _credentials = new(StringComparer.Ordinal);

    public IAmazonEC2 Ec2(Target target) =>
        _clients.GetOrAdd(target, key => createEc2(key, key.AccountId == own.AccountId ? null : CredentialsOf(key.AccountId)));

    /// <summary>The member role of an account, e.g. for a message naming who was assumed.</summary>
    public string RoleArn(string accountId) => $"arn:{Partition(own.Region)}:iam::{accountId}:role/{memberRoleName}";

    /// <summary>The partition of a region: roles can be assumed only within one.</summary>
    public static string Partition(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    private AssumedRoleCredentials CredentialsOf(string accountId) =>
        _credentials.GetOrAdd(accountId, account => new AssumedRoleCredentials(sts, RoleArn(account), SessionName));

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }
}
