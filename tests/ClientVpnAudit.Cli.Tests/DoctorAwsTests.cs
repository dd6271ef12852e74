using ClientVpnAudit.Cli.Tests.Support;

namespace ClientVpnAudit.Cli.Tests;

/// <summary>`cvpn-audit doctor --aws` where the SDK finds neither credentials nor a region: the first line says which variables to set.</summary>
public sealed class DoctorAwsTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task Doctor_WithAwsButNoCredentialsOrRegion_FailsTheFirstCheck_NamingAwsProfileAndAwsRegion_AndAsksNothing()
    {
        var result = await CvpnAuditProcess.RunAsync("dotnet", [CvpnAuditProcess.Program, "doctor", "--aws", "--table", "ClientVpnSessions"],
            _folder.Path, NoAwsCredentials.Environment(_folder, region: null));

        Assert.True(result.ExitCode == ExitCodes.RunFailed, result.ToString());
        const string notAsked = "not asked: no AWS credentials or region (see the first line)";
        Assert.Equal(
            [
                "✗ AWS credentials do not resolve (Failed to resolve AWS credentials) and no AWS region is configured; "
                    + "fix: set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) and AWS_REGION",
                $"? ec2:DescribeClientVpnEndpoints: {notAsked}",
                $"? ec2:DescribeClientVpnConnections: {notAsked}",
                $"? table ClientVpnSessions: {notAsked}",
                $"? TTL on ExpiresAt: {notAsked}",
                $"? point-in-time recovery: {notAsked}",
                $"? archive freshness: {notAsked}",
            ],
            result.OutLines);
    }

    public void Dispose() => _folder.Dispose();
}
