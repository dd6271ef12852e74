using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Archiver.Tests.Integration;

[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class SeedExampleTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private static Snapshot Seed() => SnapshotLoader.Load(Path.Combine(RepositoryPaths.Events, "seed-example.json"));

    [Fact]
    public async Task Run_OnSeedExample_StoresBothSessionsAsTheRecordDefines()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Seed());

        var summary = await harness.RunAsync();

        Assert.True(summary.Succeeded);
        Assert.Equal(2, summary.SessionsInserted);
        Assert.Equal(1, summary.EndpointsPolled);
        Assert.True(summary.WriteCapacityUnits >= 2, $"the store reported {summary.WriteCapacityUnits} write units for two inserts");
        Assert.True(summary.ReadCapacityUnits > 0, $"the store reported {summary.ReadCapacityUnits} read units");
        var terminated = await harness.ItemAsync("cvpn-connection-0e03eb24267165acd");
        Assert.Equal("cvpn-endpoint-123456789123abcde", terminated["ClientVpnEndpointId"].S);
        Assert.Equal("terminated", terminated["Status"].S);
        Assert.Equal("client1.domain.tld", terminated["CommonName"].S);
        Assert.Equal("client1.domain.tld", terminated["Identity"].S);
        Assert.Equal("2019-08-12T07:57:14Z", terminated["ConnectionEstablishedTime"].S);
        Assert.Equal("2019-08-12", terminated["EstablishedDay"].S);
        Assert.Equal("2019-08-12T07:58:34Z", terminated["ConnectionEndTime"].S);
        Assert.Equal("80", terminated["DurationSeconds"].N);
        Assert.Equal("32302", terminated["IngressBytes"].N);
        Assert.Equal("5696", terminated["EgressBytes"].N);
        Assert.Equal("332", terminated["IngressPackets"].N);
        Assert.Equal("67", terminated["EgressPackets"].N);
        Assert.Equal("2019-08-12T07:58:34Z", terminated["FirstObservedAt"].S);
        Assert.Equal("2019-08-12T07:58:34Z", terminated["LastObservedAt"].S);
        Assert.True(terminated["EndObserved"].BOOL);
        foreach (var absent in new[] { "ClientIp", "Username", "ClientIpv6Address", "StatusMessage", "MissingSince", "ExpiresAt", "ActiveEndpointId", "PostureComplianceStatuses" })
        {
            Assert.False(terminated.ContainsKey(absent), $"{absent} should be absent");
        }

        var active = await harness.ItemAsync("cvpn-connection-00668867a40f18253");
        Assert.Equal("active", active["Status"].S);
        Assert.False(active.ContainsKey("ConnectionEndTime"));
        Assert.False(active.ContainsKey("DurationSeconds"));
        Assert.False(active.ContainsKey("EndObserved"));
        Assert.False(active.ContainsKey("ClientIp"));
        Assert.Equal("cvpn-endpoint-123456789123abcde", active["ActiveEndpointId"].S);
        Assert.Equal("2019-08-12", active["EstablishedDay"].S);
        Assert.Equal("2019-08-12T08:02:54Z", active["LastObservedAt"].S);
    }

    [Fact]
    public async Task Run_WithRetention_SetsExpiresAtFromEndOrLastObservation()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Seed());

        await harness.RunAsync(options => options with { RetentionDays = 30 });

        var ended = DateTimeOffset.Parse("2019-08-12T07:58:34Z", System.Globalization.CultureInfo.InvariantCulture).AddDays(30);
        var lastSeen = DateTimeOffset.Parse("2019-08-12T08:02:54Z", System.Globalization.CultureInfo.InvariantCulture).AddDays(30);
        Assert.Equal(ended.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            (await harness.ItemAsync("cvpn-connection-0e03eb24267165acd"))["ExpiresAt"].N);
        Assert.Equal(lastSeen.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            (await harness.ItemAsync("cvpn-connection-00668867a40f18253"))["ExpiresAt"].N);
    }
}
