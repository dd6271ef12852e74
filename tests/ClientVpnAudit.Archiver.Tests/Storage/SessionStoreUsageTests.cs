using Amazon.EC2.Model;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Storage;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Archiver.Tests.Storage;

[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class SessionStoreUsageTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const string Endpoint = "cvpn-endpoint-0000000000000abcd";

    private static ObservedSession Snapshot(string timestamp) => ConnectionMapper.Map(new ClientVpnConnection
    {
        ConnectionId = "cvpn-connection-alice",
        Timestamp = timestamp,
        ConnectionEstablishedTime = "2026-03-02 09:00:00",
        ConnectionEndTime = "-",
        Status = new ClientVpnConnectionStatus { Code = "active" },
        Username = "alice",
        IngressBytes = "1",
        EgressBytes = "1",
        IngressPackets = "1",
        EgressPackets = "1",
    }, Endpoint, Target.Local).Session!;

    [Fact]
    public async Task A_write_refused_by_its_condition_counts_as_a_request_and_one_write_unit()
    {
        var table = await dynalite.CreateSessionTableAsync();
        using var client = dynalite.CreateClient();
        Assert.True(await new SessionStore(client, table, new DynamoDbUsage()).UpsertAsync(Snapshot("2026-03-02 09:10:00"), stored: null, 0, CancellationToken.None));
        var usage = new DynamoDbUsage();

        var written = await new SessionStore(client, table, usage).UpsertAsync(Snapshot("2026-03-02 09:05:00"), stored: null, 0, CancellationToken.None);

        Assert.False(written);
        Assert.Equal(1, usage.Requests);
        Assert.Equal(DynamoDbUsage.RefusedWriteUnits, usage.WriteUnits);
        Assert.Equal(0, usage.ReadUnits);
    }

    [Fact]
    public async Task A_lost_mark_refused_by_its_condition_counts_as_a_request_and_one_write_unit()
    {
        var table = await dynalite.CreateSessionTableAsync();
        using var client = dynalite.CreateClient();
        Assert.True(await new SessionStore(client, table, new DynamoDbUsage()).UpsertAsync(Snapshot("2026-03-02 09:10:00"), stored: null, 0, CancellationToken.None));
        var usage = new DynamoDbUsage();

        // A listing older than the stored snapshot may not mark it lost.
        var marked = await new SessionStore(client, table, usage).MarkLostAsync("cvpn-connection-alice", "2026-03-02T09:05:00Z", CancellationToken.None);

        Assert.False(marked);
        Assert.Equal(1, usage.Requests);
        Assert.Equal(DynamoDbUsage.RefusedWriteUnits, usage.WriteUnits);
    }
}
