using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SQS;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Testing;

/// <summary>AWS SDK clients pointed at a local endpoint (dynalite, the EC2 emulator) with dummy credentials.</summary>
public static class AwsClients
{
    public const string Region = "us-east-1";

    public static AWSCredentials Credentials { get; } = new BasicAWSCredentials("test", "test");

    public static IAmazonEC2 Ec2(Uri url) =>
        new AmazonEC2Client(Credentials, new AmazonEC2Config { ServiceURL = url.ToString(), AuthenticationRegion = Region });

    /// <summary>
    /// An EC2 client for one target of the emulator: access key id = the account (any secret), signing region = the
    /// target's region, which is how the emulator tells the targets of a poll apart.
    /// </summary>
    public static IAmazonEC2 Ec2(Uri url, Target target) =>
        new AmazonEC2Client(new BasicAWSCredentials(target.AccountId, "test"),
            new AmazonEC2Config { ServiceURL = url.ToString(), AuthenticationRegion = target.Region });

    public static IAmazonDynamoDB DynamoDb(Uri url) =>
        new AmazonDynamoDBClient(Credentials, new AmazonDynamoDBConfig { ServiceURL = url.ToString(), AuthenticationRegion = Region });

    /// <summary>A DynamoDB client whose every request goes through <paramref name="interceptor"/> on its way to the server.</summary>
    public static IAmazonDynamoDB DynamoDb(Uri url, DynamoDbInterceptor interceptor) =>
        new AmazonDynamoDBClient(Credentials, new AmazonDynamoDBConfig
        {
            ServiceURL = url.ToString(),
            AuthenticationRegion = Region,
            HttpClientFactory = interceptor.Factory,
        });

    /// <summary>An SQS client for moto_server.</summary>
    public static IAmazonSQS Sqs(Uri url) =>
        new AmazonSQSClient(Credentials, new AmazonSQSConfig { ServiceURL = url.ToString(), AuthenticationRegion = Region });
}
