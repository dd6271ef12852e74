using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using ClientVpnAudit.Archiver.Ec2;

namespace ClientVpnAudit.Cli.Doctor;

/// <summary>
/// Check 2: the two EC2 calls the archiver makes are allowed, asked with DryRun: EC2 answers DryRunOperation when the
/// call would be allowed and UnauthorizedOperation when not. One line per action.
/// </summary>
internal static class Ec2PermissionCheck
{
    public const string DescribeEndpoints = "DescribeClientVpnEndpoints";
    public const string DescribeConnections = "DescribeClientVpnConnections";

    public static async Task<IReadOnlyList<CheckLine>> RunAsync(IAmazonEC2 ec2, CancellationToken cancellationToken)
    {
        var endpoints = await AskAsync(DescribeEndpoints, about: null,
            token => ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { DryRun = true }, token), cancellationToken);
        if (endpoints.Outcome != CheckOutcome.Passed)
        {
            return [endpoints, NoEndpoint("the endpoints cannot be listed: see the line above")];
        }

        var (endpointId, problem) = await FirstEndpointAsync(ec2, cancellationToken);
        if (endpointId is null)
        {
            return [endpoints, NoEndpoint(problem!)];
        }

        var connections = await AskAsync(DescribeConnections, endpointId,
            token => ec2.DescribeClientVpnConnectionsAsync(
                new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId, DryRun = true }, token), cancellationToken);
        return [endpoints, connections];
    }

    /// <summary>The IAM action of an EC2 call: ec2:DescribeClientVpnEndpoints.</summary>
    public static string Iam(string action) => "ec2:" + action;

    private static async Task<CheckLine> AskAsync(string action, string? about, Func<CancellationToken, Task> dryRun,
        CancellationToken cancellationToken)
    {
        var allowed = CheckLine.Pass($"{Iam(action)} is allowed" + (about is null ? "" : $" (asked about {about})"));
        try
        {
            await dryRun(cancellationToken);

            // Whatever ignores DryRun and simply answers has allowed the call.
            return allowed;
        }
        catch (AmazonServiceException service) when (service.ErrorCode == "DryRunOperation")
        {
            return allowed;
        }
        catch (AmazonServiceException service) when (service.ErrorCode == "UnauthorizedOperation")
        {
            return CheckLine.Fail($"{Iam(action)} is not allowed (UnauthorizedOperation)",
                $"grant {Iam(action)} to the identity doctor runs as (the stack grants it to the archiver's role)");
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return ServiceAnswers.Unanswered(exception, Iam(action), action, "EC2");
        }
    }

    /// <summary>The first endpoint listed that is not deleted (else the first listed), or why there is none.</summary>
    private static async Task<(string? EndpointId, string? Problem)> FirstEndpointAsync(IAmazonEC2 ec2, CancellationToken cancellationToken)
    {
        string? firstListed = null;
        try
        {
            await foreach (var page in EndpointDiscovery.PagesAsync(ec2, only: [], cancellationToken))
            {
                foreach (var endpoint in page)
                {
                    if (endpoint.Status?.Code?.Value != EndpointDiscovery.DeletedStatus)
                    {
                        return (endpoint.ClientVpnEndpointId, null);
                    }

                    firstListed ??= endpoint.ClientVpnEndpointId;
                }
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"listing them failed: {ErrorReport.OneLine(exception.Message)}");
        }

        return (firstListed, firstListed is null ? $"{DescribeEndpoints} lists none" : null);
    }

    private static CheckLine NoEndpoint(string why) => CheckLine.Unknown($"{Iam(DescribeConnections)}: no endpoint to ask about ({why})");
}
