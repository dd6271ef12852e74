using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Archiver.Tests.Integration.Connections;

namespace ClientVpnAudit.Archiver.Tests.Integration;

/// <summary>
/// AWS freezes a terminated connection's Timestamp at its ConnectionEndTime, so the report of an end can be older than
/// the last active answer already archived. The end must land all the same.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class ObservedEndTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const string Endpoint = "cvpn-endpoint-0000000000000e0d1";

    private static SnapshotConnection Dana(DateTime observedAt, long bytes = 100) =>
        Active("cvpn-connection-dana", Endpoint, observedAt, bytes: bytes, username: "dana");

    /// <summary>What AWS lists for an ended connection: status terminated, its Timestamp frozen at the end.</summary>
    private static SnapshotConnection Ended(SnapshotConnection active, DateTime endedAt, long bytes) =>
        Terminated(active, endedAt, observedAt: endedAt) with { IngressBytes = $"{bytes}", EgressBytes = $"{bytes * 2}" };

    [Theory]
    [InlineData(-2)] // the last active answer was stamped two seconds after AWS's end time
    [InlineData(0)] // in the same second
    public async Task Run_WhenTheEndIsStampedAtOrBeforeTheLastActiveAnswer_ArchivesTheEndWithItsFinalCounters(int endSecondsAfterLastAnswer)
    {
        var lastAnswer = T0.AddMinutes(5).AddSeconds(2);
        var endedAt = lastAnswer.AddSeconds(endSecondsAfterLastAnswer);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(Dana(T0)));
        await harness.RunAsync();
        await harness.PollAsync(lastAnswer, Snapshot(Dana(lastAnswer, bytes: 150)), options => options with { ActiveRefreshMinutes = 0 });

        var summary = await harness.PollAsync(T0.AddMinutes(10), Snapshot(Ended(Dana(T0), endedAt, bytes: 175)));

        Assert.Equal((1, 0, 0), (summary.SessionsUpdated, summary.SessionsStale, summary.SessionsMarkedLost));
        var item = await harness.ItemAsync("cvpn-connection-dana");
        Assert.Equal(
            $"ConnectionId=cvpn-connection-dana, ClientVpnEndpointId={Endpoint}, Status=terminated, Username=dana, "
            + "CommonName=client1.domain.tld, Identity=dana, ClientIp=172.31.0.10, "
            + $"ConnectionEstablishedTime={Stored(T0)}, ConnectionEndTime={Stored(endedAt)}, "
            + $"DurationSeconds={(long)(endedAt - T0).TotalSeconds}, IngressBytes=175, EgressBytes=350, IngressPackets=10, EgressPackets=20, "
            + $"FirstObservedAt={Stored(T0)}, LastObservedAt={Stored(lastAnswer)}, EndObserved=True, "
            + "AccountId=000000000000, Region=us-east-1",
            Describe(item));
        Assert.False(item.ContainsKey("ActiveEndpointId"));
    }

    [Fact]
    public async Task Run_WhenATerminatedConnectionIsListedForAnHour_CountsItUnchangedNotStale()
    {
        var endedAt = T0.AddMinutes(3);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(Dana(T0)));
        await harness.RunAsync();
        Assert.Equal(1, (await harness.PollAsync(T0.AddMinutes(5), Snapshot(Ended(Dana(T0), endedAt, 120)))).SessionsUpdated);

        for (var poll = 2; poll <= 12; poll++)
        {
            var summary = await harness.PollAsync(T0.AddMinutes(5 * poll), Snapshot(Ended(Dana(T0), endedAt, 120)));

            Assert.Equal((1, 0, 0), (summary.SessionsUnchanged, summary.SessionsStale, summary.SessionsUpdated));
        }
    }

    [Fact]
    public async Task Run_WhenAnEndIsListedAfterTheSessionWasMarkedLost_ReplacesTheInferredEnd()
    {
        var bystander = Active("cvpn-connection-eve", Endpoint, T0);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(Dana(T0), bystander));
        await harness.RunAsync();
        await harness.PollAsync(T0.AddMinutes(65), Snapshot(bystander with { Timestamp = Aws(T0.AddMinutes(65)) }));
        Assert.False((await harness.ItemAsync("cvpn-connection-dana"))["EndObserved"].BOOL);

        // A late answer from before the outage still held dana's end, stamped before the lost mark's MissingSince.
        var summary = await harness.PollAsync(T0.AddMinutes(66), Snapshot(Ended(Dana(T0), T0.AddMinutes(8), 130), bystander));

        Assert.Equal(1, summary.SessionsUpdated);
        var item = await harness.ItemAsync("cvpn-connection-dana");
        Assert.True(item["EndObserved"].BOOL);
        Assert.False(item.ContainsKey("MissingSince"));
        Assert.Equal(Stored(T0.AddMinutes(8)), item["ConnectionEndTime"].S);
        Assert.Equal(Stored(T0.AddMinutes(8)), item["LastObservedAt"].S);
        Assert.Equal(Stored(T0), item["FirstObservedAt"].S);
        Assert.Equal("130", item["IngressBytes"].N);
    }

    [Fact]
    public async Task Run_WhenAnActiveAnswerArrivesAfterTheObservedEnd_KeepsTheEnd()
    {
        var endedAt = T0.AddMinutes(5);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(Dana(T0)));
        await harness.RunAsync();
        await harness.PollAsync(T0.AddMinutes(10), Snapshot(Ended(Dana(T0), endedAt, 120)));
        var before = ArchiverHarness.Render(await harness.ItemsAsync());

        // Delivered late: an answer stamped a second after AWS's end time, still saying active.
        var summary = await harness.PollAsync(T0.AddMinutes(10), Snapshot(Dana(endedAt.AddSeconds(1), bytes: 119)));

        Assert.Equal(1, summary.SessionsStale);
        Assert.Equal(before, ArchiverHarness.Render(await harness.ItemsAsync()));
    }

    [Fact]
    public async Task Run_ThroughTerminatingAndFailedToTerminate_KeepsTheSessionOpenUntilTheEnd()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(Dana(T0)));
        await harness.RunAsync();

        var terminating = await harness.PollAsync(T0.AddMinutes(5), Snapshot(Dana(T0.AddMinutes(5)) with { StatusCode = "terminating" }));
        var afterTerminating = await harness.ItemAsync("cvpn-connection-dana");
        var failed = await harness.PollAsync(T0.AddMinutes(10), Snapshot(Dana(T0.AddMinutes(10)) with
        {
            StatusCode = "failed-to-terminate",
            StatusMessage = "Failed to terminate the connection",
        }));
        var afterFailed = await harness.ItemAsync("cvpn-connection-dana");
        var ended = await harness.PollAsync(T0.AddMinutes(15), Snapshot(Ended(Dana(T0), T0.AddMinutes(9), 140)));
        var afterEnd = await harness.ItemAsync("cvpn-connection-dana");

        Assert.Equal((1, 1, 1), (terminating.SessionsUpdated, failed.SessionsUpdated, ended.SessionsUpdated));
        Assert.Equal("terminating", afterTerminating["Status"].S);
        Assert.Equal(Endpoint, afterTerminating["ActiveEndpointId"].S);
        Assert.False(afterTerminating.ContainsKey("EndObserved"));
        Assert.Equal("failed-to-terminate", afterFailed["Status"].S);
        Assert.Equal("Failed to terminate the connection", afterFailed["StatusMessage"].S);
        Assert.Equal(Endpoint, afterFailed["ActiveEndpointId"].S);
        Assert.Equal("terminated", afterEnd["Status"].S);
        Assert.False(afterEnd.ContainsKey("StatusMessage"));
        Assert.False(afterEnd.ContainsKey("ActiveEndpointId"));
        Assert.Equal(Stored(T0.AddMinutes(10)), afterEnd["LastObservedAt"].S);
        Assert.True(afterEnd["EndObserved"].BOOL);
    }

    [Fact]
    public async Task Run_WhenTheSameConnectionIsOnTwoPages_AppliesTheAnswerThatSaysMost()
    {
        // Page 1 (1,000 connections) holds dana active at 09:05:02; page 2 holds her end, frozen at 09:05:00.
        var others = Many(Endpoint, 999, T0.AddMinutes(5).AddSeconds(2)).ToList();
        var pageOne = others.Prepend(Dana(T0.AddMinutes(5).AddSeconds(2))).ToList();
        var listing = pageOne.Append(Ended(Dana(T0), T0.AddMinutes(5), 150)).Append(others[0]).ToArray();
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(listing));

        var summary = await harness.PollAsync(T0.AddMinutes(5).AddSeconds(3), Snapshot(listing));

        Assert.Equal(2, summary.Pages);
        Assert.Equal(1002, summary.ConnectionsSeen);
        Assert.Equal((1000, 1, 1), (summary.SessionsInserted, summary.SessionsUpdated, summary.SessionsUnchanged));
        var dana = await harness.ItemAsync("cvpn-connection-dana");
        Assert.Equal("terminated", dana["Status"].S);
        Assert.True(dana["EndObserved"].BOOL);
        Assert.Equal(Stored(T0.AddMinutes(5).AddSeconds(2)), dana["LastObservedAt"].S);
    }

    [Fact]
    public async Task Runs_RacingAnEndAgainstALaterActiveAnswer_EndWithTheObservedEnd()
    {
        var sessions = Many(Endpoint, 100, T0).ToArray();
        var ends = Snapshot(sessions.Select(connection => Ended(connection, T0.AddMinutes(5), 300)).ToArray());
        var lateActive = Snapshot(sessions.Select(connection => connection with { Timestamp = Aws(T0.AddMinutes(5).AddSeconds(2)) }).ToArray());
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(sessions));
        await harness.RunAsync();
        await using var activeEmulator = await Ec2Emulator.StartAsync(lateActive);
        using var activeEc2 = AwsClients.Ec2(activeEmulator.Url);
        harness.Emulator.Serve(ends);

        for (var round = 0; round < 3; round++)
        {
            await Task.WhenAll(
                harness.Pipeline(options => options with { ActiveRefreshMinutes = 0 }).RunAsync(),
                harness.Pipeline(options => options with { ActiveRefreshMinutes = 0 }, activeEc2).RunAsync());
        }

        Assert.All((await harness.ItemsAsync()).Values, item =>
        {
            Assert.Equal("terminated", item["Status"].S);
            Assert.True(item["EndObserved"].BOOL);
            Assert.Equal(Stored(T0.AddMinutes(5)), item["ConnectionEndTime"].S);
            Assert.Equal("300", item["IngressBytes"].N);
        });
    }

    [Fact]
    public async Task Runs_OfTheSamePollThreeAtOnce_EndExactlyAsOneRun()
    {
        var first = Many(Endpoint, 300, T0).ToArray();
        var second = Snapshot(first.Select((connection, index) => index % 3 == 0
            ? Ended(connection, T0.AddMinutes(4), 200)
            : connection with { Timestamp = Aws(T0.AddMinutes(20)) }).ToArray());
        await using var racing = await ArchiverHarness.StartAsync(dynalite, Snapshot(first));
        await using var single = await ArchiverHarness.StartAsync(dynalite, Snapshot(first));
        await racing.RunAsync();
        await single.RunAsync();
        racing.Emulator.Serve(second);
        single.Emulator.Serve(second);
        racing.Clock.SetUtcNow(new DateTimeOffset(T0.AddMinutes(20)));
        single.Clock.SetUtcNow(new DateTimeOffset(T0.AddMinutes(20)));

        await Task.WhenAll(racing.RunAsync(), racing.RunAsync(), racing.RunAsync());
        var one = await single.RunAsync();

        Assert.Equal((300, 0), (one.SessionsUpdated, one.SessionsStale));
        Assert.Equal(ArchiverHarness.Render(await single.ItemsAsync()), ArchiverHarness.Render(await racing.ItemsAsync()));
    }

    private static string Describe(Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> item) =>
        string.Join(", ", Archiver.Sessions.SessionAttributes.Exported.Where(item.ContainsKey)
            .Select(name => $"{name}={ArchiverHarness.Text(item[name])}"));
}
