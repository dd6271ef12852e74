using ClientVpnAudit.Emulator;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Archiver.Tests.Integration.Connections;

namespace ClientVpnAudit.Archiver.Tests.Integration;

[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class PagingTests(DynaliteFixture dynalite) : IClassFixture<DynaliteFixture>
{
    [Fact]
    public async Task Run_WithMoreThanAThousandConnections_ReadsEveryPageAndStoresEverySession()
    {
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(Many("cvpn-endpoint-00000000000000001", 2345, T0).ToArray()));

        var summary = await harness.RunAsync();

        Assert.True(summary.Succeeded);
        Assert.Equal(3, summary.Pages);
        Assert.Equal(2345, summary.ConnectionsSeen);
        Assert.Equal(2345, summary.SessionsInserted);
        Assert.Equal(2345, (await harness.ItemsAsync()).Count);
        Assert.All(harness.Emulator.Requests.Where(request => request.Action == "DescribeClientVpnConnections"),
            request => Assert.Equal(1000, request.MaxResults));
    }

    [Fact]
    public async Task Run_WithSeveralEndpoints_DiscoversAndArchivesEachOne()
    {
        var endpoints = Enumerable.Range(1, 6).Select(index => $"cvpn-endpoint-0000000000000000{index}").ToArray();
        var connections = endpoints.SelectMany(endpoint => Many(endpoint, 30, T0)).ToArray();
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(connections));

        var summary = await harness.RunAsync(options => options with { MaxConcurrency = 4 });

        Assert.True(summary.Succeeded);
        Assert.Equal(6, summary.EndpointsPolled);
        Assert.Equal(1, summary.EndpointPages);
        Assert.Equal(180, summary.SessionsInserted);
        var items = await harness.ItemsAsync();
        Assert.All(endpoints, endpoint => Assert.Equal(30, items.Values.Count(item => item["ClientVpnEndpointId"].S == endpoint)));
    }

    [Fact]
    public async Task Run_WithConfiguredEndpoints_PollsOnlyThoseAndListsNone()
    {
        var connections = new[] { "cvpn-endpoint-0000000000000000a", "cvpn-endpoint-0000000000000000b" }
            .SelectMany(endpoint => Many(endpoint, 3, T0)).ToArray();
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(connections));

        var summary = await harness.RunAsync(options => options with { EndpointIds = ["cvpn-endpoint-0000000000000000b"] });

        Assert.Equal(1, summary.EndpointsPolled);
        Assert.Equal(0, harness.Emulator.RequestCount("DescribeClientVpnEndpoints"));
        Assert.All((await harness.ItemsAsync()).Values, item => Assert.Equal("cvpn-endpoint-0000000000000000b", item["ClientVpnEndpointId"].S));
    }

    [Fact]
    public async Task Run_SkipsEndpointsWhoseStatusIsDeleted()
    {
        var live = "cvpn-endpoint-0000000000000000c";
        var deleted = "cvpn-endpoint-0000000000000000d";
        var snapshot = SnapshotLoader.FromConnections(Many(live, 2, T0).Concat(Many(deleted, 2, T0)),
            [new SnapshotEndpoint(live), new SnapshotEndpoint(deleted, "deleted")]);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, snapshot);

        var summary = await harness.RunAsync();

        Assert.Equal(1, summary.EndpointsPolled);
        Assert.DoesNotContain(harness.Emulator.Requests, request => request.EndpointId == deleted && request.Action == "DescribeClientVpnConnections");
    }

    [Theory]
    [InlineData(EmptyPageForm.SelfClosing)]
    [InlineData(EmptyPageForm.Omitted)]
    public async Task Run_WithEmptyPages_TreatsThemAsNormal(EmptyPageForm form)
    {
        var busy = "cvpn-endpoint-0000000000000000e";
        var idle = "cvpn-endpoint-0000000000000000f";
        var snapshot = SnapshotLoader.FromConnections(Many(busy, 5, T0), [new SnapshotEndpoint(busy), new SnapshotEndpoint(idle)]);
        await using var harness = await ArchiverHarness.StartAsync(dynalite, snapshot);
        harness.Emulator.Faults.EmptyListForm = form;
        harness.Emulator.Faults.EmptyPagesFirst(busy, form, pages: 2);

        var summary = await harness.RunAsync();

        Assert.True(summary.Succeeded, string.Join("; ", summary.Failures));
        Assert.Equal(5, summary.SessionsInserted);
        Assert.Equal(4, summary.Pages);
    }

    [Fact]
    public async Task Run_WhenTheServiceRepeatsANextToken_FailsThatEndpointClearlyAndFinishes()
    {
        var looping = "cvpn-endpoint-00000000000000010";
        var healthy = "cvpn-endpoint-00000000000000011";
        await using var harness = await ArchiverHarness.StartAsync(dynalite, Snapshot(Many(looping, 2500, T0).Concat(Many(healthy, 3, T0)).ToArray()));
        harness.Emulator.Faults.RepeatNextToken(looping);

        var summary = await harness.RunAsync();

        Assert.False(summary.Succeeded);
        var failure = Assert.Single(summary.Failures);
        Assert.Equal(looping, failure.EndpointId);
        Assert.Contains("same NextToken twice", failure.Reason, StringComparison.Ordinal);
        Assert.True(harness.Emulator.Requests.Count(request => request.EndpointId == looping) <= 3);
        Assert.Equal(3, (await harness.ItemsAsync()).Values.Count(item => item["ClientVpnEndpointId"].S == healthy));
    }
}
