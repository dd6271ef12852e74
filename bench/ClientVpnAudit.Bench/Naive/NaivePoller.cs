using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;

namespace ClientVpnAudit.Bench.Naive;

/// <summary>
/// The reference poller, written the way most public Client VPN pollers are: endpoints one after another, pages one
/// after another, and one UpdateItem per listed connection on every poll, awaited before the next. No reads, no
/// skipping, no condition. It writes the same record into a table of the same layout, so the two are priced alike.
/// </summary>
internal sealed class NaivePoller(IAmazonEC2 ec2, IAmazonDynamoDB dynamoDb, string tableName)
{
    public async Task<NaiveSummary> RunAsync(CancellationToken cancellationToken)
    {
        var endpoints = new List<string>();
        string? token = null;
        do
        {
            var page = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { NextToken = token }, cancellationToken);
            endpoints.AddRange((page.ClientVpnEndpoints ?? []).Select(endpoint => endpoint.ClientVpnEndpointId));
            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (token is not null);

        var pages = 0;
        var written = 0;
        foreach (var endpointId in endpoints)
        {
            token = null;
            do
            {
                var page = await ec2.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest
                {
                    ClientVpnEndpointId = endpointId,
                    NextToken = token,
                }, cancellationToken);
                pages++;
                foreach (var connection in page.Connections ?? [])
                {
                    await dynamoDb.UpdateItemAsync(Write(connection, endpointId), cancellationToken);
                    written++;
                }

                token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
            }
            while (token is not null);
        }

        return new NaiveSummary(endpoints.Count, pages, written);
    }

    /// <summary>
    /// The same record the archiver writes (its mapping, its attributes), but with no condition at all, whatever is
    /// stored: what a poller that never reads does. The archiver itself never writes this way.
    /// </summary>
    private UpdateItemRequest Write(ClientVpnConnection connection, string endpointId)
    {
        var mapping = ConnectionMapper.Map(connection, endpointId, Target.Local);
        var session = mapping.Session
            ?? throw new InvalidOperationException($"the scenario produced a malformed connection: {mapping.MalformedReason}");
        return SessionWrites.Request(tableName, session.ConnectionId,
            SessionWrites.Record(session, retentionDays: 0, lastObservedAt: session.ObservedAt), condition: null);
    }
}

/// <summary>What one naive poll did.</summary>
internal sealed record NaiveSummary(int Endpoints, int Pages, int Writes);
