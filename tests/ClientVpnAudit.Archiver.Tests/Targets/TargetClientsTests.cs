using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SecurityToken;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Targets;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Archiver.Tests.Targets;

/// <summary>Clients per target: the own account's credentials, another account's member role assumed through STS (moto).</summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class TargetClientsTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private const string Own = "123456789012";

    [Theory]
    [InlineData("eu-west-1", "aws")]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    public void Partition_OfARegion_NamesTheMemberRolesArn(string region, string partition) =>
        Assert.Equal(partition, TargetClients.Partition(region));

    [MotoFact]
    public async Task Ec2_InAnotherAccount_UsesItsMemberRoleAssumedThroughSts_OnceAndCachedPerAccount()
    {
        using var sts = new AmazonSecurityTokenServiceClient(AwsClients.Credentials,
            new AmazonSecurityTokenServiceConfig { ServiceURL = moto.Url.ToString(), AuthenticationRegion = AwsClients.Region });
        var made = new List<(Target Target, AWSCredentials? Credentials)>();
        using var clients = new TargetClients(new Target(Own, "eu-west-1"), "AuditReader", sts, (target, credentials) =>
        {
            made.Add((target, credentials));
            return new AmazonEC2Client(AwsClients.Credentials, new AmazonEC2Config { ServiceURL = moto.Url.ToString(), AuthenticationRegion = target.Region });
        });

        var own = clients.Ec2(new Target(Own, "eu-west-1"));
        var memberEu = clients.Ec2(new Target("111111111111", "eu-west-1"));
        var memberUs = clients.Ec2(new Target("111111111111", "us-east-1"));

        Assert.Same(own, clients.Ec2(new Target(Own, "eu-west-1")));
        Assert.Null(made[0].Credentials);
        var eu = Assert.IsType<AssumedRoleCredentials>(made[1].Credentials);
        Assert.Same(eu, made[2].Credentials);
        Assert.Equal("arn:aws:iam::111111111111:role/AuditReader", eu.RoleArn);
        var assumed = await eu.GetCredentialsAsync();
        Assert.StartsWith("ASIA", assumed.AccessKey, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(assumed.Token));
        Assert.Equal(3, made.Count);
        Assert.NotSame(memberEu, memberUs);
    }
}
