using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace ClientVpnAudit.Archiver.Targets;

/// <summary>
/// The credentials of a member account's role, assumed through STS and kept while they are valid: the SDK's refreshing
/// credentials ask for new ones only shortly before these expire.
/// </summary>
internal sealed class AssumedRoleCredentials(IAmazonSecurityTokenService sts, string roleArn, string sessionName) : RefreshingAWSCredentials
{
    /// <summary>An hour: the longest a role allows by default, so one warm function assumes each role about once an hour.</summary>
    public const int DurationSeconds = 3600;

    public string RoleArn => roleArn;

    protected override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = roleArn,
            RoleSessionName = sessionName,
            DurationSeconds = DurationSeconds,
        });
        var credentials = response.Credentials;
        return new CredentialsRefreshState(
            new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
            credentials.Expiration ?? DateTime.UtcNow.AddSeconds(DurationSeconds));
    }
}
