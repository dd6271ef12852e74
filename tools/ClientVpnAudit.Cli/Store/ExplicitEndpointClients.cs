using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SQS;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Cli.Store;

/// <summary>
/// SDK clients for an explicit endpoint URL (dynalite, the emulator, DynamoDB Local, moto, ...). Credentials and region
/// come from the environment when it gives them, else test/test and us-east-1: local servers accept anything.
/// </summary>
internal static class ExplicitEndpointClients
{
    public const string DefaultRegion = "us-east-1";

    public static IAmazonDynamoDB DynamoDb(Uri url, TimeSpan? timeout = null, int? maxErrorRetry = null)
    {
        var config = new AmazonDynamoDBConfig { ServiceURL = url.ToString(), AuthenticationRegion = Region() };
        Limit(config, timeout, maxErrorRetry);
        return new AmazonDynamoDBClient(Credentials(), config);
    }

    /// <summary>An SQS client for the server a queue URL names (moto, ...).</summary>
    public static IAmazonSQS Sqs(Uri queueUrl, TimeSpan? timeout = null)
    {
        var config = new AmazonSQSConfig { ServiceURL = queueUrl.GetLeftPart(UriPartial.Authority), AuthenticationRegion = Region() };
        Limit(config, timeout, maxErrorRetry: null);
        return new AmazonSQSClient(Credentials(), config);
    }

    /// <param name="region">The region to sign for (default: <see cref="Region"/>).</param>
    public static IAmazonEC2 Ec2(Uri url, TimeSpan? timeout = null, int? maxErrorRetry = null, string? region = null)
    {
        var config = new AmazonEC2Config { ServiceURL = url.ToString(), AuthenticationRegion = region ?? Region() };
        Limit(config, timeout, maxErrorRetry);
        return new AmazonEC2Client(Credentials(), config);
    }

    /// <summary>
    /// An EC2 client for one target of an emulator serving a poll of several: access key id = the account (the secret
    /// does not matter), signing region = the region; this is how the emulator tells the targets apart.
    /// </summary>
    public static IAmazonEC2 Ec2(Uri url, Target target, TimeSpan? timeout = null, int? maxErrorRetry = null)
    {
        var config = new AmazonEC2Config { ServiceURL = url.ToString(), AuthenticationRegion = target.Region };
        Limit(config, timeout, maxErrorRetry);
        return new AmazonEC2Client(new BasicAWSCredentials(target.AccountId, "emulated"), config);
    }

    /// <summary>The region the clients for an explicit URL sign for: AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1.</summary>
    public static string Region() =>
        NonEmpty(Environment.GetEnvironmentVariable("AWS_REGION"))
        ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION"))
        ?? DefaultRegion;

    /// <summary>Reads an http(s) URL option; anything else is bad input that names the option.</summary>
    public static Uri ParseUrl(string value, string optionName) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new CliInputException($"{optionName}: '{value}' is not an http(s) URL");

    private static void Limit(ClientConfig config, TimeSpan? timeout, int? maxErrorRetry)
    {
        if (timeout is not null)
        {
            config.Timeout = timeout;
        }

        if (maxErrorRetry is not null)
        {
            config.MaxErrorRetry = maxErrorRetry.Value;
        }
    }

    private static AWSCredentials Credentials()
    {
        var key = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        var secret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(secret))
        {
            return new BasicAWSCredentials("test", "test");
        }

        var token = Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN");
        return string.IsNullOrEmpty(token) ? new BasicAWSCredentials(key, secret) : new SessionAWSCredentials(key, secret, token);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
