namespace ClientVpnAudit.Emulator;

/// <summary>DescribeClientVpnEndpoints: the snapshot's endpoints, selected by ClientVpnEndpointId.N and filters, paged.</summary>
internal static class DescribeEndpoints
{
    public const string Action = "DescribeClientVpnEndpoints";

    public static Page<SnapshotEndpoint> Prepare(QueryParameters query, ServedSnapshot served, EmulatorFaults faults)
    {
        var pageSize = Pager.PageSize(query);
        var filters = query.GetFilters();
        foreach (var filter in filters)
        {
            if (filter.Name is not ("endpoint-id" or "transport-protocol"))
            {
                throw new Ec2ErrorException(Ec2Error.InvalidFilter(filter.Name));
            }
        }
        if (faults.IsDenied(Action))
        {
            throw new Ec2ErrorException(Ec2Error.Unauthorized());
        }
        if (query.IsTrue("DryRun"))
        {
            throw new Ec2ErrorException(Ec2Error.DryRun());
        }

        var ids = query.GetList("ClientVpnEndpointId");
        foreach (var id in ids)
        {
            if (!served.IsListed(id))
            {
                throw new Ec2ErrorException(Ec2Error.EndpointNotFound(id));
            }
        }

        var endpoints = served.Endpoints;
        if (ids.Count > 0 || filters.Count > 0)
        {
            var selected = ids.ToHashSet(StringComparer.Ordinal);
            endpoints = endpoints
                .Where(e => selected.Count == 0 || selected.Contains(e.ClientVpnEndpointId))
                .Where(e => filters.All(f => Matches(e, f)))
                .ToList();
        }
        var listFaults = EndpointFaults.None(faults.EmptyListForm);
        return Pager.Take(endpoints, query, pageSize, served.Generation, served.TokenScope + "endpoints", listFaults);
    }

    private static bool Matches(SnapshotEndpoint endpoint, QueryFilter filter)
    {
        if (filter.Values.Count == 0)
        {
            return true;
        }
        var value = filter.Name == "endpoint-id" ? endpoint.ClientVpnEndpointId : endpoint.Field("TransportProtocol");
        return value is not null && filter.Values.Contains(value, StringComparer.Ordinal);
    }
}
