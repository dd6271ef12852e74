using Amazon;
using Amazon.DynamoDBv2;
using Amazon.EC2;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SQS;

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

    public static IAmazonSQS Sqs(TimeSpan? timeout = null)
    {
        var config = new AmazonSQSConfig();
        Limit(config, timeout, maxErrorRetry: null);
        return Create(() => new AmazonSQSClient(config));
    }

    /// <param name="region">The region to call (default: the SDK's, from AWS_REGION or the profile).</param>
    public static IAmazonEC2 Ec2(TimeSpan? timeout = null, string? region = null)
    {
        var config = new AmazonEC2Config();
        if (region is not null)
        {
            // Signing for it too: with an endpoint URL from the environment (AWS_ENDPOINT_URL_EC2) the SDK would sign
            // for the default region instead.
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            config.AuthenticationRegion = region;
        }

        Limit(config, timeout, maxErrorRetry: null);
        return Create(() => new AmazonEC2Client(config));
    }

    /// <summary>The account the default credentials are in, from STS GetCallerIdentity (which needs no permission).</summary>
    /// <exception cref="CliInputException">No credentials or no region, or STS refused them.</exception>
    public static async Task<string> CallerAccountAsync(CancellationToken cancellationToken)
    {
        using var sts = Create(() => new AmazonSecurityTokenServiceClient(new AmazonSecurityTokenServiceConfig { Timeout = TimeSpan.FromSeconds(10) }));
        try
        {
            return (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken)).Account;
        }
        catch (Exception exception) when (IsMissingCredentials(exception))
        {
            throw MissingCredentials(exception);
        }
        catch (AmazonServiceException service) when (Unreachable.IsServiceAnswer(service))
        {
            throw new CliInputException($"--aws: STS refused these credentials: {service.ErrorCode}: {ErrorReport.OneLine(service.Message)}", service);
        }
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
