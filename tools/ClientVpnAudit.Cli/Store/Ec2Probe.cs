using Amazon.EC2.Model;
using Amazon.Runtime;

namespace ClientVpnAudit.Cli.Store;

/// <summary>A wrong --ec2-url fails in seconds as bad input, not after the SDK's retries as a failed run.</summary>
internal static class Ec2Probe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <exception cref="CliInputException">Nothing at the URL answered as EC2 does.</exception>
    public static async Task CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        if (await ProblemAsync(url, cancellationToken) is { } problem)
        {
            throw new CliInputException($"--ec2-url {url.OriginalString}: cannot reach it: {problem}");
        }
    }

    /// <summary>Null when something at the URL answers as EC2 does (whatever it says); otherwise why not, in a few words.</summary>
    public static async Task<string?> ProblemAsync(Uri url, CancellationToken cancellationToken)
    {
        using var probe = ExplicitEndpointClients.Ec2(url, Timeout, maxErrorRetry: 0);
        try
        {
            await probe.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { MaxResults = 5 }, cancellationToken);
            return null;
        }
        catch (AmazonServiceException service) when (Unreachable.IsServiceAnswer(service))
        {
            // It answered: whatever it said, the command reports it where it happens.
            return null;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return Unreachable.Describe(exception, Timeout, "EC2");
        }
    }
}
