using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.Runtime;

namespace ClientVpnAudit.Cli.Store;

/// <summary>SDK clients for real AWS (--aws): the default credential chain and region, as the AWS CLI uses them.</summary>
internal static class AwsAccountClients
{
    public static IAmazonDynamoDB DynamoDb(TimeSpan? timeout = null, int? maxErrorRetry = null)
    {
        var config = new AmazonDynamoDBConfig();
        Limit(config, timeout, maxErrorRetry);
        return Create(() => new AmazonDynamoDBClient(config));
    }

    public static IAmazonEC2 Ec2(TimeSpan? timeout = null)
    {
        var config = new AmazonEC2Config();
        Limit(config, timeout, maxErrorRetry: null);
        return Create(() => new AmazonEC2Client(config));
    }

    /// <summary>True when the SDK failed before sending anything because it found no credentials.</summary>
    public static bool IsMissingCredentials(Exception exception) =>
        exception is AmazonClientException && exception is not AmazonServiceException
        && exception.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase);

    public static CliInputException MissingCredentials(Exception exception) => new(
        "--aws: no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run aws sso login): "
        + ErrorReport.OneLine(exception.Message.Split('.')[0]), exception);

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

    private static T Create<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (AmazonClientException exception) when (exception.Message.Contains("Region", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliInputException("--aws: no AWS region configured (set AWS_REGION, or a region in your AWS profile)", exception);
        }
        catch (AmazonClientException exception) when (IsMissingCredentials(exception))
        {
            throw MissingCredentials(exception);
        }
    }
}
