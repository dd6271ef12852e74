using Amazon.EC2;
using Amazon.EC2.Model;

namespace ClientVpnAudit.Archiver.Ec2;

/// <summary>
/// Reads every page of an endpoint's connections. The request for the next page is sent as soon as a page arrives,
/// so reading overlaps with whatever the caller does with the page.
/// </summary>
public static class ConnectionPages
{
    public const int PageSize = 1000;

    /// <param name="mayStartPage">Asked before each page after the first; false stops the listing early (incomplete).</param>
    public static async IAsyncEnumerable<IReadOnlyList<ClientVpnConnection>> ReadAsync(
        IAmazonEC2 ec2,
        string endpointId,
        Func<bool> mayStartPage,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        var pending = Request(ec2, endpointId, null, cancellationToken);
        while (pending is not null)
        {
            var response = await pending;
            var nextToken = PageTokens.Next(response.NextToken, seenTokens, $"DescribeClientVpnConnections for {endpointId}");
            var budgetReached = nextToken is not null && !mayStartPage();
            pending = nextToken is null || budgetReached ? null : Request(ec2, endpointId, nextToken, cancellationToken);

            yield return response.Connections ?? [];

            if (budgetReached)
            {
                throw new TimeBudgetExceededException($"time budget reached before every page of {endpointId} was read");
            }
        }
    }

    private static Task<DescribeClientVpnConnectionsResponse> Request(IAmazonEC2 ec2, string endpointId, string? nextToken, CancellationToken cancellationToken) =>
        ec2.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest
        {
            ClientVpnEndpointId = endpointId,
            MaxResults = PageSize,
            NextToken = nextToken,
        }, cancellationToken);
}

/// <summary>The run's time budget ran out before an endpoint's listing was complete.</summary>
public sealed class TimeBudgetExceededException(string message) : Exception(message);
