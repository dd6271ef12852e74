using Amazon.EC2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Archiver.Tests.Sessions;

public sealed class ConnectionMapperTests
{
    private const string Endpoint = "cvpn-endpoint-123456789123abcde";

    private static ClientVpnConnection SeedTerminated() => new()
    {
        ClientVpnEndpointId = Endpoint,
        Timestamp = "2019-08-12 07:58:34",
        ConnectionId = "cvpn-connection-0e03eb24267165acd",
        ConnectionEstablishedTime = "2019-08-12 07:57:14",
        IngressBytes = "32302",
        EgressBytes = "5696",
        IngressPackets = "332",
        EgressPackets = "67",
        ClientIp = "",
        CommonName = "client1.domain.tld",
        Status = new ClientVpnConnectionStatus { Code = "terminated" },
        ConnectionEndTime = "2019-08-12 07:58:34",
    };

    [Fact]
    public void Map_SeedTerminatedConnection_GivesTheSessionRecordValues()
    {
        var session = ConnectionMapper.Map(SeedTerminated(), Endpoint, Target.Local).Session!;

        Assert.Equal("cvpn-connection-0e03eb24267165acd", session.ConnectionId);
        Assert.Equal("terminated", session.Status);
        Assert.Equal("2019-08-12T07:57:14Z", session.ConnectionEstablishedTime);
        Assert.Equal("2019-08-12T07:58:34Z", session.ConnectionEndTime);
        Assert.Equal(80, session.DurationSeconds);
        Assert.Equal(32302, session.IngressBytes);
        Assert.Equal(5696, session.EgressBytes);
        Assert.Equal(332, session.IngressPackets);
        Assert.Equal(67, session.EgressPackets);
        Assert.Null(session.ClientIp);
        Assert.Null(session.Username);
        Assert.Equal("client1.domain.tld", session.Identity);
        Assert.Equal("2019-08-12T07:58:34Z", session.ObservedAt);
        Assert.True(session.HasEnded);
    }

    [Fact]
    public void Map_ActiveConnectionWithDashEnd_HasNoEndAndNoDuration()
    {
        var connection = SeedTerminated();
        connection.Status = new ClientVpnConnectionStatus { Code = "active" };
        connection.ConnectionEndTime = "-";

        var session = ConnectionMapper.Map(connection, Endpoint, Target.Local).Session!;

        Assert.Null(session.ConnectionEndTime);
        Assert.Null(session.DurationSeconds);
        Assert.False(session.HasEnded);
    }

    [Fact]
    public void Map_WithUsernameAndCommonName_IdentityIsUsername()
    {
        var connection = SeedTerminated();
        connection.Username = "alice";

        Assert.Equal("alice", ConnectionMapper.Map(connection, Endpoint, Target.Local).Session!.Identity);
    }

    [Fact]
    public void Map_WithNeitherUsernameNorCommonName_HasNoIdentity()
    {
        var connection = SeedTerminated();
        connection.CommonName = " ";

        Assert.Null(ConnectionMapper.Map(connection, Endpoint, Target.Local).Session!.Identity);
    }

    [Fact]
    public void Map_WithUnreadableCounter_LeavesItUnsetAndWarns()
    {
        var connection = SeedTerminated();
        connection.IngressBytes = "12abc";
        connection.EgressPackets = "-5";

        var mapping = ConnectionMapper.Map(connection, Endpoint, Target.Local);

        Assert.Null(mapping.Session!.IngressBytes);
        Assert.Null(mapping.Session.EgressPackets);
        Assert.Equal(5696, mapping.Session.EgressBytes);
        Assert.Equal(2, mapping.Warnings.Count);
        Assert.Contains(mapping.Warnings, warning => warning.Contains("IngressBytes", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_WithPostureStatuses_KeepsThemInOrder()
    {
        var connection = SeedTerminated();
        connection.PostureComplianceStatuses = ["compliant", "antivirus-ok"];

        Assert.Equal(["compliant", "antivirus-ok"], ConnectionMapper.Map(connection, Endpoint, Target.Local).Session!.PostureComplianceStatuses!);
    }

    public static TheoryData<string, string> UnusableRequiredFields => new()
    {
        { "ConnectionId=", "no ConnectionId" },
        { "Timestamp=yesterday", "Timestamp" },
        { "Timestamp=", "Timestamp" },
        { "ConnectionEstablishedTime=-", "ConnectionEstablishedTime" },
        { "ConnectionEndTime=soon", "ConnectionEndTime" },
    };

    [Theory]
    [MemberData(nameof(UnusableRequiredFields))]
    public void Map_WithoutAUsableRequiredField_IsMalformed(string assignment, string reasonMentions)
    {
        var connection = SeedTerminated();
        var (field, value) = (assignment.Split('=')[0], assignment.Split('=')[1]);
        typeof(ClientVpnConnection).GetProperty(field)!.SetValue(connection, value);

        var mapping = ConnectionMapper.Map(connection, Endpoint, Target.Local);

        Assert.Null(mapping.Session);
        Assert.Contains(reasonMentions, mapping.MalformedReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_WithoutAStatus_IsMalformed()
    {
        var connection = SeedTerminated();
        connection.Status = null;

        var mapping = ConnectionMapper.Map(connection, Endpoint, Target.Local);

        Assert.Null(mapping.Session);
        Assert.Equal("cvpn-connection-0e03eb24267165acd has no Status", mapping.MalformedReason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Map_OfAConnectionNamingNoEndpoint_FilesItUnderTheListedEndpoint(string? named)
    {
        var connection = SeedTerminated();
        connection.ClientVpnEndpointId = named;

        var session = ConnectionMapper.Map(connection, "cvpn-endpoint-listed", Target.Local).Session!;

        Assert.Equal("cvpn-endpoint-listed", session.ClientVpnEndpointId);
    }
}
