using ClientVpnAudit.Testing;
using static ClientVpnAudit.Archiver.Tests.Integration.Connections;

namespace ClientVpnAudit.Archiver.Tests.Integration;

[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class FaultTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    private const string First = "cvpn-endpoint-00000000000000201";
    private const string Second = "cvpn-endpoint-00000000000000202";
    private const string Third = "cvpn-endpoint-00000000000000203";

    private static Emulator.Snapshot ThreeEndpoints() =>
        Snapshot(new[] { First, Second, Third }.SelectMany(endpoint => Many(endpoint, 4, T0)).ToArray());

    [Fact]
    public async Task Run_WhenThrottled_RetriesToSuccess()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, ThreeEndpoints());
        harness.Emulator.Faults.Throttle(2, action: "DescribeClientVpnConnections", endpointId: Second);

        var summary = await harness.RunAsync();

        Assert.True(summary.Succeeded);
        Assert.Equal(12, summary.SessionsInserted);
        Assert.Equal(3, harness.Emulator.Requests.Count(request => request.EndpointId == Second && request.Action == "DescribeClientVpnConnections"));
    }

    [Fact]
    public async Task Run_WhenServerErrorsPersist_ReportsRetriesExhaustedForThatEndpoint()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, ThreeEndpoints());
        harness.Emulator.Faults.FailWith500(3, action: "DescribeClientVpnConnections", endpointId: First);

        var summary = await harness.RunAsync();

        var failure = Assert.Single(summary.Failures);
        Assert.Equal(First, failure.EndpointId);
        Assert.StartsWith("retries exhausted", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(8, summary.SessionsInserted);
    }

    [Fact]
    public async Task Run_WhenOneEndpointIsNotFound_ArchivesTheOthersThenFails()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, ThreeEndpoints());
        harness.Emulator.Faults.NotFound(Second);

        var summary = await harness.RunAsync();

        Assert.False(summary.Succeeded);
        Assert.Equal(3, summary.EndpointsPolled);
        Assert.Equal(1, summary.EndpointsFailed);
        var failure = Assert.Single(summary.Failures);
        Assert.Equal(Second, failure.EndpointId);
        Assert.StartsWith("InvalidClientVpnEndpointId.NotFound", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(8, (await harness.ItemsAsync()).Count);
    }

    [Fact]
    public async Task Run_WhenTheEndpointListingFails_ReportsWhyAndWritesNothing()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, ThreeEndpoints());
        harness.Emulator.Faults.FailWith500(3, action: "DescribeClientVpnEndpoints");

        var summary = await harness.RunAsync();

        Assert.False(summary.Succeeded);
        Assert.StartsWith("could not list Client VPN endpoints: retries exhausted", summary.Error, StringComparison.Ordinal);
        Assert.Empty(await harness.ItemsAsync());
    }

    [Fact]
    public async Task Run_WhenTheTimeBudgetRunsOut_StopsStartingPagesAndReportsIt_AndMarksNothingLost()
    {
        const string unlisted = "cvpn-connection-not-in-the-later-listing";
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(Active(unlisted, First, T0)));
        await harness.RunAsync();
        harness.Emulator.Faults.Delay = TimeSpan.FromMilliseconds(700);

        var summary = await harness.RunAsync(
            Snapshot(Many(First, 3000, T0.AddMinutes(5)).ToArray()),
            options => options with { EndpointIds = [First], TimeBudget = TimeSpan.FromMilliseconds(500) });

        var failure = Assert.Single(summary.Failures);
        Assert.Contains("time budget", failure.Reason, StringComparison.Ordinal);
        // One page normally; none when a loaded machine spends the whole budget before the first request.
        Assert.InRange(summary.Pages, 0, 1);
        Assert.Equal(summary.Pages * 1000, summary.SessionsInserted);
        // An incomplete listing proves nothing about the sessions it did not reach.
        Assert.Equal(0, summary.SessionsMarkedLost);
        Assert.Equal("active", (await harness.ItemAsync(unlisted))["Status"].S);
    }
}
