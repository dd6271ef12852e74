namespace ClientVpnAudit.Emulator;

/// <summary>A ClientVpnConnection as an <c>&lt;item&gt;</c>, element names and order as in the EC2 model.</summary>
internal static class ConnectionXml
{
    public static void WriteItem(Ec2XmlWriter x, SnapshotConnection c)
    {
        x.Start("item");
        x.Text("clientVpnEndpointId", c.ClientVpnEndpointId);
        x.Text("timestamp", c.Timestamp);
        x.Text("connectionId", c.ConnectionId);
        x.Text("username", c.Username);
        x.Text("connectionEstablishedTime", c.ConnectionEstablishedTime);
        x.Text("ingressBytes", c.IngressBytes);
        x.Text("egressBytes", c.EgressBytes);
        x.Text("ingressPackets", c.IngressPackets);
        x.Text("egressPackets", c.EgressPackets);
        x.Text("clientIp", c.ClientIp);
        x.Text("clientIpv6Address", c.ClientIpv6Address);
        x.Text("commonName", c.CommonName);
        if (c.StatusCode is not null || c.StatusMessage is not null)
        {
            x.Start("status");
            x.Text("code", c.StatusCode);
            x.Text("message", c.StatusMessage);
            x.End();
        }
        x.Text("connectionEndTime", c.ConnectionEndTime);
        if (c.PostureComplianceStatuses is { } statuses)
        {
            x.Start("postureComplianceStatusSet");
            foreach (var status in statuses)
            {
                x.Text("item", status);
            }
            x.End();
        }
        x.End();
    }
}
