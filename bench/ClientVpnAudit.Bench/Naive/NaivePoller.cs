using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Bench.Naive;

/// <summary>
/// The reference poller, written the way most public Client VPN pollers are: endpoints one after another, pages one
/// after another, and one UpdateItem per listed connection on every poll, awaited before the next. No reads, no
/// skipping, no condition. It writes the same record into a table of the same layout, so the two are priced alike.
/// </summary>
internal sealed class NaivePoller(IAmazonEC2 ec2, IAmazonDynamoDB dynamoDb, string tableName)
{
    public async Task<NaiveSummary> RunAsync(CancellationToken ct)
    {
        var endpoints = new List<string>();
        string? token = null;
        do
        {
            var page = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { NextToken = token }, ct);
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
                }, ct);
                pages++;
                foreach (var connection in page.Connections ?? [])
                {
                    await dynamoDb.UpdateItemAsync(Write(connection), ct);
                    written++;
                }

                token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
            }
            while (token is not null);
        }

        return new NaiveSummary(endpoints.Count, pages, written);
    }

    private UpdateItemRequest Write(ClientVpnConnection connection)
    {
        var ended = connection.Status?.Code?.Value == ConnectionStatus.Terminated;
        var established = Iso(connection.ConnectionEstablishedTime)!;
        var endTime = Iso(connection.ConnectionEndTime);
        var identity = NonEmpty(connection.Username) ?? NonEmpty(connection.CommonName);
        var set = new Dictionary<string, AttributeValue>
        {
            [SessionAttributes.ClientVpnEndpointId] = S(connection.ClientVpnEndpointId),
            [SessionAttributes.Status] = S(connection.Status!.Code.Value),
            [SessionAttributes.ConnectionEstablishedTime] = S(established),
            [SessionAttributes.LastObservedAt] = S(Iso(connection.Timestamp)!),
            [SessionAttributes.IngressBytes] = N(connection.IngressBytes),
            [SessionAttributes.EgressBytes] = N(connection.EgressBytes),
            [SessionAttributes.IngressPackets] = N(connection.IngressPackets),
            [SessionAttributes.EgressPackets] = N(connection.EgressPackets),
        };
        var remove = new List<string>();
        Optional(SessionAttributes.StatusMessage, NonEmpty(connection.Status.Message));
        Optional(SessionAttributes.Username, NonEmpty(connection.Username));
        Optional(SessionAttributes.CommonName, NonEmpty(connection.CommonName));
        Optional(SessionAttributes.Identity, identity);
        Optional(SessionAttributes.ClientIp, NonEmpty(connection.ClientIp));
        Optional(SessionAttributes.ClientIpv6Address, NonEmpty(connection.ClientIpv6Address));
        Optional(SessionAttributes.ConnectionEndTime, endTime);
        Optional(SessionAttributes.ActiveEndpointId, ended ? null : connection.ClientVpnEndpointId);
        if (endTime is null)
        {
            remove.Add(SessionAttributes.DurationSeconds);
        }
        else
        {
            set[SessionAttributes.DurationSeconds] = N(((long)(Parse(endTime) - Parse(established)).TotalSeconds).ToString(CultureInfo.InvariantCulture));
        }

        if (ended)
        {
            set[SessionAttributes.EndObserved] = new AttributeValue { BOOL = true };
        }
        else
        {
            remove.Add(SessionAttributes.EndObserved);
        }

        if (connection.PostureComplianceStatuses is { Count: > 0 } statuses)
        {
            set[SessionAttributes.PostureComplianceStatuses] = new AttributeValue { L = statuses.Select(S).ToList() };
        }
        else
        {
            remove.Add(SessionAttributes.PostureComplianceStatuses);
        }

        var names = set.Keys.Concat(remove).Append(SessionAttributes.FirstObservedAt).ToDictionary(name => "#" + name, name => name);
        var values = set.ToDictionary(entry => ":" + entry.Key, entry => entry.Value);
        values[":first"] = set[SessionAttributes.LastObservedAt];
        var expression = "SET " + string.Join(", ", set.Keys.Select(name => $"#{name} = :{name}"))
            + $", #{SessionAttributes.FirstObservedAt} = if_not_exists(#{SessionAttributes.FirstObservedAt}, :first)"
            + (remove.Count > 0 ? " REMOVE " + string.Join(", ", remove.Select(name => "#" + name)) : "");
        return new UpdateItemRequest
        {
            TableName = tableName,
            Key = new Dictionary<string, AttributeValue> { [SessionTable.PartitionKey] = S(connection.ConnectionId) },
            UpdateExpression = expression,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        };

        void Optional(string name, string? value)
        {
            if (value is null)
            {
                remove.Add(name);
            }
            else
            {
                set[name] = S(value);
            }
        }
    }

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N(string value) => new() { N = long.Parse(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) };

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Iso(string? aws) =>
        string.IsNullOrWhiteSpace(aws) || aws.Trim() == "-"
            ? null
            : DateTime.ParseExact(aws.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
                .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTime Parse(string iso) =>
        DateTime.ParseExact(iso, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}

/// <summary>What one naive poll did.</summary>
internal sealed record NaiveSummary(int Endpoints, int Pages, int Writes);
