using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace ClientVpnAudit.Cli.Doctor;

/// <summary>Check 1 with --aws: the SDK's default credential chain and region resolve, as every other call needs.</summary>
internal static class AwsCredentialsCheck
{
    private const string CredentialsFix = "set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), or run aws sso login";
    private const string RegionFix = "set AWS_REGION (or a region in your AWS profile)";

    public static async Task<Access> RunAsync(CancellationToken cancellationToken)
    {
        var credentialsProblem = await CredentialsProblemAsync(cancellationToken);
        var region = Region();
        var line = (credentialsProblem, region) switch
        {
            (null, { } name) => CheckLine.Pass($"AWS credentials and region resolve (region {name})"),
            (null, null) => CheckLine.Fail("no AWS region is configured", RegionFix),
            ({ } problem, { }) => CheckLine.Fail($"AWS credentials do not resolve: {problem}", CredentialsFix),
            ({ } problem, null) => CheckLine.Fail($"AWS credentials do not resolve ({problem}) and no AWS region is configured",
                "set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and AWS_REGION"),
        };
        var blocked = line.Outcome == CheckOutcome.Passed ? null : "not asked: no AWS credentials or region (see the first line)";
        return new Access(line, blocked, blocked);
    }

    /// <summary>Null when the chain gives credentials (SSO and assumed roles are fetched here, so expired ones show).</summary>
    private static async Task<string?> CredentialsProblemAsync(CancellationToken cancellationToken)
    {
        try
        {
            var credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
            await credentials.GetCredentialsAsync().WaitAsync(cancellationToken);
            return null;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // "Failed to resolve AWS credentials. The credential providers ... returned the following errors: ..."
            return ErrorReport.OneLine(exception.Message.Split('.')[0]);
        }
    }

    private static string? Region()
    {
        try
        {
            return FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
        }
        catch (AmazonClientException)
        {
            return null;
        }
    }
}
