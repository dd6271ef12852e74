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
            return new EndpointListing(configured, Pages: 0, Discovered: false, new Dictionary<string, string>());
        }

        var ids = new List<string>();
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        var pages = 0;
        await foreach (var page in PagesAsync(ec2, only: [], cancellationToken))
        {
            pages++;
            foreach (var endpoint in page)
            {
                if (endpoint.Status?.Code?.Value is { } status)
                {
                    statuses[endpoint.ClientVpnEndpointId] = status;
                }

                if (endpoint.Status?.Code?.Value != DeletedStatus)
                {
                    ids.Add(endpoint.ClientVpnEndpointId);
                }
            }
        }

        return new EndpointListing(ids.Distinct(StringComparer.Ordinal).ToArray(), pages, Discovered: true, statuses);
    }

    /// <summary>Every page of DescribeClientVpnEndpoints (of <paramref name="only"/> these endpoints when given), as EC2 sends them.</summary>
    /// <exception cref="RepeatedPageTokenException">EC2 sent the same NextToken twice.</exception>
    public static async IAsyncEnumerable<IReadOnlyList<ClientVpnEndpoint>> PagesAsync(IAmazonEC2 ec2, IReadOnlyList<string> only,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        string? nextToken = null;
        do
        {
            var response = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest
            {
                ClientVpnEndpointIds = only.Count > 0 ? [.. only] : null,
                MaxResults = PageSize,
                NextToken = nextToken,
            }, cancellationToken);
            yield return response.ClientVpnEndpoints ?? [];
            nextToken = PageTokens.Next(response.NextToken, seenTokens, "DescribeClientVpnEndpoints");
        }
        while (nextToken is not null);
    }
}

/// <summary>
/// The endpoints to poll and how many DescribeClientVpnEndpoints pages it took to find them. Discovered is true when
/// every page was read (no configured list): then an endpoint not polled is deleted or gone. Statuses holds what
/// discovery said of every endpoint it listed, deleted ones included.
/// </summary>
public sealed record EndpointListing(IReadOnlyList<string> EndpointIds, int Pages, bool Discovered, IReadOnlyDictionary<string, string> Statuses);
