using System.Net;
using System.Xml.Linq;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Emulator.Tests;

/// <summary>What goes over the wire, checked with raw HTTP where the SDK hides it.</summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class WireFormatTests
{
    private static readonly XNamespace Ec2 = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private static async Task<(HttpStatusCode Status, XElement Root, HttpResponseMessage Response)> PostAsync(
        Ec2Emulator emulator, params (string Key, string Value)[] form)
    {
        using var http = new HttpClient();
        var content = new FormUrlEncodedContent(
            new[] { ("Version", "2016-11-15") }.Concat(form).Select(p => KeyValuePair.Create(p.Item1, p.Item2)));
        var response = await http.PostAsync(emulator.Url, content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", body);
        return (response.StatusCode, XDocument.Parse(body).Root!, response);
    }

    [Fact]
    public async Task Connections_Response_HasNamespacedRootRequestIdAndItems()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());

        var (status, root, response) = await PostAsync(emulator,
            ("Action", "DescribeClientVpnConnections"), ("ClientVpnEndpointId", TestData.SeedEndpoint));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/xml; charset=UTF-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("AmazonEC2", response.Headers.Server.ToString());
        Assert.Equal(Ec2 + "DescribeClientVpnConnectionsResponse", root.Name);
        Assert.Equal(["requestId", "connections"], root.Elements().Select(e => e.Name.LocalName));
        var item = root.Element(Ec2 + "connections")!.Elements(Ec2 + "item").First();
        Assert.Equal(
            ["clientVpnEndpointId", "timestamp", "connectionId", "connectionEstablishedTime", "ingressBytes", "egressBytes",
             "ingressPackets", "egressPackets", "clientIp", "commonName", "status", "connectionEndTime"],
            item.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("", item.Element(Ec2 + "clientIp")!.Value);
        Assert.Equal("terminated", item.Element(Ec2 + "status")!.Element(Ec2 + "code")!.Value);
    }

    [Fact]
    public async Task Connections_NextToken_PresentOnEarlierPagesAndOmittedOnTheLast()
    {
        var snapshot = SnapshotLoader.FromConnections(TestData.Connections("cvpn-endpoint-a", 10));
        await using var emulator = await Ec2Emulator.StartAsync(snapshot);

        var (_, first, _) = await PostAsync(emulator,
            ("Action", "DescribeClientVpnConnections"), ("ClientVpnEndpointId", "cvpn-endpoint-a"), ("MaxResults", "5"));
        var token = first.Element(Ec2 + "nextToken")!.Value;
        var (_, last, _) = await PostAsync(emulator,
            ("Action", "DescribeClientVpnConnections"), ("ClientVpnEndpointId", "cvpn-endpoint-a"), ("MaxResults", "5"),
            ("NextToken", token));

        Assert.Equal(["requestId", "connections", "nextToken"], first.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["requestId", "connections"], last.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(5, last.Element(Ec2 + "connections")!.Elements().Count());
    }

    [Theory]
    [InlineData(EmptyPageForm.SelfClosing, new[] { "requestId", "connections" })]
    [InlineData(EmptyPageForm.Omitted, new[] { "requestId" })]
    public async Task Connections_EmptyList_IsWrittenInTheChosenForm(EmptyPageForm form, string[] elements)
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.WithEndpoints());
        emulator.Faults.EmptyListForm = form;

        var (_, root, _) = await PostAsync(emulator,
            ("Action", "DescribeClientVpnConnections"), ("ClientVpnEndpointId", TestData.IdleEndpoint));

        Assert.Equal(elements, root.Elements().Select(e => e.Name.LocalName));
        Assert.All(root.Elements(Ec2 + "connections"), element => Assert.True(element.IsEmpty));
    }

    [Fact]
    public async Task Endpoints_Response_UsesBotocoreElementNames()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.WithEndpoints());

        var (_, root, _) = await PostAsync(emulator, ("Action", "DescribeClientVpnEndpoints"));

        Assert.Equal(Ec2 + "DescribeClientVpnEndpointsResponse", root.Name);
        var item = root.Element(Ec2 + "clientVpnEndpoint")!.Elements(Ec2 + "item").First();
        Assert.Equal("available", item.Element(Ec2 + "status")!.Element(Ec2 + "code")!.Value);
        Assert.Equal("8.8.8.8", item.Element(Ec2 + "dnsServer")!.Element(Ec2 + "item")!.Value);
        Assert.Equal("false", item.Element(Ec2 + "splitTunnel")!.Value);
        Assert.Equal("443", item.Element(Ec2 + "vpnPort")!.Value);
        Assert.Equal(["Enabled", "CloudwatchLogGroup", "CloudwatchLogStream"],
            item.Element(Ec2 + "connectionLogOptions")!.Elements().Select(e => e.Name.LocalName));
        var tag = item.Element(Ec2 + "tagSet")!.Element(Ec2 + "item")!;
        Assert.Equal(("Name", "Client VPN"), (tag.Element(Ec2 + "key")!.Value, tag.Element(Ec2 + "value")!.Value));
        Assert.Equal("sg-aabbcc11223344567", item.Element(Ec2 + "securityGroupIdSet")!.Element(Ec2 + "item")!.Value);
        Assert.Equal("certificate-authentication",
            item.Element(Ec2 + "authenticationOptions")!.Element(Ec2 + "item")!.Element(Ec2 + "type")!.Value);
        Assert.Equal("applied",
            item.Element(Ec2 + "clientConnectOptions")!.Element(Ec2 + "status")!.Element(Ec2 + "code")!.Value);
        Assert.Equal("24", item.Element(Ec2 + "sessionTimeoutHours")!.Value);
    }

    [Fact]
    public async Task Endpoints_TransitGatewayConfiguration_ListsUseTheirSetNames()
    {
        var json = """
            {"Connections": [], "ClientVpnEndpoints": [{"ClientVpnEndpointId": "cvpn-endpoint-a",
              "TransitGatewayConfiguration": {"TransitGatewayId": "tgw-1", "AvailabilityZones": ["us-east-1a"], "AvailabilityZoneIds": ["use1-az1"]}}]}
            """;
        await using var emulator = await Ec2Emulator.StartAsync(SnapshotLoader.Parse(json, "x.json"));

        var (_, root, _) = await PostAsync(emulator, ("Action", "DescribeClientVpnEndpoints"));

        var tgw = root.Element(Ec2 + "clientVpnEndpoint")!.Element(Ec2 + "item")!.Element(Ec2 + "transitGatewayConfiguration")!;
        Assert.Equal(["transitGatewayId", "availabilityZoneSet", "availabilityZoneIdSet"], tgw.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public async Task Error_HasEc2EnvelopeWithRequestId()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());

        var (status, root, _) = await PostAsync(emulator,
            ("Action", "DescribeClientVpnConnections"), ("ClientVpnEndpointId", "cvpn-endpoint-nope"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Response", root.Name.LocalName);
        Assert.Equal("", root.Name.NamespaceName);
        var error = root.Element("Errors")!.Element("Error")!;
        Assert.Equal("InvalidClientVpnEndpointId.NotFound", error.Element("Code")!.Value);
        Assert.Equal("Endpoint cvpn-endpoint-nope does not exist", error.Element("Message")!.Value);
        Assert.True(Guid.TryParse(root.Element("RequestID")!.Value, out _));
    }

    [Theory]
    [InlineData("RunInstances")]
    [InlineData("")]
    public async Task UnknownAction_Returns400InvalidAction(string action)
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());

        var (status, root, _) = await PostAsync(emulator, ("Action", action));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("InvalidAction", root.Element("Errors")!.Element("Error")!.Element("Code")!.Value);
        Assert.Equal(1, emulator.RequestCount(action));
    }

    [Fact]
    public async Task MaxResultsNotANumber_Returns400InvalidParameterValue()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());

        var (status, root, _) = await PostAsync(emulator,
            ("Action", "DescribeClientVpnConnections"), ("ClientVpnEndpointId", TestData.SeedEndpoint), ("MaxResults", "ten"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("InvalidParameterValue", root.Element("Errors")!.Element("Error")!.Element("Code")!.Value);
        Assert.Null(emulator.Requests.Single().MaxResults);
    }

    [Fact]
    public async Task QueryString_GetRequest_IsAnsweredLikeAPost()
    {
        await using var emulator = await Ec2Emulator.StartAsync(TestData.SeedExample());
        using var http = new HttpClient();

        var body = await http.GetStringAsync(new Uri(emulator.Url,
            $"?Action=DescribeClientVpnConnections&Version=2016-11-15&ClientVpnEndpointId={TestData.SeedEndpoint}"));

        Assert.Equal(2, XDocument.Parse(body).Root!.Element(Ec2 + "connections")!.Elements().Count());
    }
}
