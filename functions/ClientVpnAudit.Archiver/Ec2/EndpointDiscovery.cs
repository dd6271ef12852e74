using Amazon.EC2;
using Amazon.EC2.Model;

namespace ClientVpnAudit.Archiver.Ec2;

/// <summary>Finds the endpoints to poll: the configured ones, or every endpoint of the account and region.</summary>
public static class EndpointDiscovery
{
    public const int PageSize = 1000;

    /// <summary>The status of an endpoint that no longer exists; it has no connections to poll ("deleting" still has).</summary>
    public const string DeletedStatus = "deleted";

    public static async Task<EndpointListing> ListAsync(IAmazonEC2 ec2, IReadOnlyList<string> configured, CancellationToken cancellationToken)
    {
        if (configured.Count > 0)
        {
            return new EndpointListing(configured, Pages: 0, Discovered: false);
        }

        var ids = new List<string>();
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        string? nextToken = null;
        var pages = 0;
        do
        {
            var response = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest
            {
                MaxResults = PageSize,
                NextToken = nextToken,
            }, cancellationToken);
            pages++;
            ids.AddRange((response.ClientVpnEndpoints ?? [])
                .Where(endpoint => endpoint.Status?.Code?.Value != DeletedStatus)
                .Select(endpoint => endpoint.ClientVpnEndpointId));
            nextToken = PageTokens.Next(response.NextToken, seenTokens, "DescribeClientVpnEndpoints");
        }
        while (nextToken is not null);

        return new EndpointListing(ids.Distinct(StringComparer.Ordinal).ToArray(), pages, Discovered: true);
    }
}

/// <summary>
/// The endpoints to poll and how many DescribeClientVpnEndpoints pages it took to find them. Discovered is true when
/// every page was read (no configured list): then an endpoint not polled is deleted or gone.
/// </summary>
public sealed record EndpointListing(IReadOnlyList<string> EndpointIds, int Pages, bool Discovered);
