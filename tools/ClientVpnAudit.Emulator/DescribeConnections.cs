namespace ClientVpnAudit.Emulator;

/// <summary>DescribeClientVpnConnections: the connections of one endpoint, filtered by connection-id / username, paged.</summary>
internal static class DescribeConnections
{
    public const string Action = "DescribeClientVpnConnections";

    public static Page<SnapshotConnection> Prepare(QueryParameters query, ServedSnapshot served, EmulatorFaults faults)
    {
        var endpointId = query.Get("ClientVpnEndpointId");
        if (string.IsNullOrEmpty(endpointId))
        {
            throw new Ec2ErrorException(Ec2Error.MissingParameter("ClientVpnEndpointId"));
        }
        var pageSize = Pager.PageSize(query);
        var filters = query.GetFilters();
        foreach (var filter in filters)
        {
            if (filter.Name is not ("connection-id" or "username"))
            {
                throw new Ec2ErrorException(Ec2Error.InvalidFilter(filter.Name));
            }
        }

        var endpointFaults = faults.ForEndpoint(endpointId);
        if (faults.IsDenied(Action) || endpointFaults.Unauthorized)
        {
            throw new Ec2ErrorException(Ec2Error.Unauthorized());
        }
        if (query.IsTrue("DryRun"))
        {
            throw new Ec2ErrorException(Ec2Error.DryRun());
        }
        if (endpointFaults.NotFound || !served.HasEndpoint(endpointId))
        {
            throw new Ec2ErrorException(Ec2Error.EndpointNotFound(endpointId));
        }

        if (endpointFaults.FailLaterPages && !string.IsNullOrEmpty(query.Get("NextToken")))
        {
            throw new Ec2ErrorException(Ec2Error.Internal());
        }

        var connections = faults.Relist(endpointId, served.ConnectionsOf(endpointId), served.Snapshot.Connections);
        if (filters.Count > 0)
        {
            connections = connections.Where(c => filters.All(f => Matches(c, f))).ToList();
        }
        return Pager.Take(connections, query, pageSize, served.Generation, served.TokenScope + "connections:" + endpointId, endpointFaults);
    }

    // Filters without values (the SDK's Filter.N.Value= for an empty list) are ignored rather than matching nothing.
    private static bool Matches(SnapshotConnection connection, QueryFilter filter)
    {
        if (filter.Values.Count == 0)
        {
            return true;
        }
        var value = filter.Name == "connection-id" ? connection.ConnectionId : connection.Username;
        return value is not null && filter.Values.Contains(value, StringComparer.Ordinal);
    }
}
