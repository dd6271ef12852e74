using Amazon.SQS.Model;
using ClientVpnAudit.Archiver.Work;
using ClientVpnAudit.Testing;
using static ClientVpnAudit.Archiver.Tests.Integration.Connections;

namespace ClientVpnAudit.Archiver.Tests.Queue;

/// <summary>
/// The planner and the worker around a real SQS queue (moto_server): real visibility timeouts, redelivery and redrive to
/// a dead-letter queue, with Lambda's event source mapping played by <see cref="SqsEventSource"/>.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Integration)]
public sealed class SqsTransportTests(DynaliteFixture dynalite, MotoServer moto) : IClassFixture<DynaliteFixture>, IClassFixture<MotoServer>
{
    private const string First = "cvpn-endpoint-00000000000000301";
    private const string Second = "cvpn-endpoint-00000000000000302";
    private const string Third = "cvpn-endpoint-00000000000000303";
    private const int MaxReceiveCount = SqsWorld.MaxReceiveCount;

    private static Emulator.Snapshot ThreeEndpoints() =>
        Snapshot([.. Many(First, 3, T0), .. Many(Second, 2, T0), .. Many(Third, 4, T0)]);

    [MotoFact]
    public async Task Planner_SendsOneMessagePerEndpoint_AndTheWorkersArchiveEveryOne()
    {
        await using var world = await SqsWorld.StartAsync(dynalite, moto, ThreeEndpoints());

        var planned = await world.PlanAsync();
        var (received, failed) = await world.Source.PollOnceAsync();

        Assert.Equal(3, planned.EndpointsQueued);
        Assert.Equal([First, Second, Third], received.Select(message => WorkMessages.Parse(message.Body).ClientVpnEndpointId).Order());
        Assert.Empty(failed);
        Assert.Equal(9, (await world.Harness.ItemsAsync()).Count);
        Assert.Equal(0, await world.Source.DepthAsync());
    }

    [MotoFact]
    public async Task FailingMessage_IsDeliveredAgainAlone_AndSucceedsOnceItsEndpointRecovers()
    {
        await using var world = await SqsWorld.StartAsync(dynalite, moto, ThreeEndpoints());
        world.Harness.Emulator.Faults.Unauthorized(Second);
        await world.PlanAsync();

        var first = await world.Source.PollOnceAsync();
        Assert.Equal(3, first.Received.Count);
        var failedId = Assert.Single(first.Failed);
        Assert.Equal(1, await world.Source.DepthAsync());
        Assert.Equal(7, (await world.Harness.ItemsAsync()).Count);

        world.Harness.Emulator.Faults.Clear();
        var again = await world.ReceiveRetriedAsync();

        var redelivered = Assert.Single(again.Received);
        Assert.Equal(failedId, redelivered.MessageId);
        Assert.Equal("2", redelivered.Attributes["ApproximateReceiveCount"]);
        Assert.Equal(Second, WorkMessages.Parse(redelivered.Body).ClientVpnEndpointId);
        Assert.Empty(again.Failed);
        Assert.Equal(9, (await world.Harness.ItemsAsync()).Count);
        Assert.Equal(1, world.Harness.Emulator.Requests.Count(request => request.EndpointId == First && request.Action == "DescribeClientVpnConnections"));
        Assert.Equal(0, await world.Source.DepthAsync());
    }

    [MotoFact]
    public async Task MessageThatFailsEveryTime_IsRedrivenToTheDeadLetterQueue_AndNothingElseIs()
    {
        await using var world = await SqsWorld.StartAsync(dynalite, moto, ThreeEndpoints());
        world.Harness.Emulator.Faults.Unauthorized(Third);
        await world.PlanAsync();

        var deliveries = (await world.Source.PollOnceAsync()).Failed.Count;
        for (var attempt = 0; attempt < MaxReceiveCount + 1; attempt++)
        {
            deliveries += (await world.ReceiveRetriedAsync()).Failed.Count;
        }

        Assert.Equal(MaxReceiveCount, deliveries);
        Assert.Equal(0, await world.Source.DepthAsync());
        var dead = await world.Sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = world.DeadLetterQueueUrl, MaxNumberOfMessages = 10 });
        var message = Assert.Single(dead.Messages);
        var work = WorkMessages.Parse(message.Body);
        Assert.Equal((Third, "123456789012", "us-east-1"), (work.ClientVpnEndpointId, work.AccountId, work.Region));
        Assert.Equal(5, (await world.Harness.ItemsAsync()).Count);
    }

    [MotoFact]
    public async Task MessageFromARunOlderThanThePollInterval_IsDroppedCountedAndDeleted()
    {
        await using var world = await SqsWorld.StartAsync(dynalite, moto, ThreeEndpoints());
        await world.PlanAsync();
        world.Harness.Clock.Advance(TimeSpan.FromMinutes(Archiver.Configuration.ArchiverOptions.DefaultPollIntervalMinutes + 1));

        var (received, failed) = await world.Source.PollOnceAsync();

        Assert.Equal(3, received.Count);
        Assert.Empty(failed);
        Assert.Equal(0, await world.Source.DepthAsync());
        Assert.Empty(await world.Harness.ItemsAsync());
        Assert.Contains("\"StaleWorkDropped\":3", world.Harness.Log.ToString(), StringComparison.Ordinal);
    }

    [MotoFact]
    public async Task Planner_SendsTwentyThreeEndpointsInBatchesOfTen_EveryOneArrives()
    {
        var endpoints = Enumerable.Range(0, 23).Select(index => $"cvpn-endpoint-{index + 400:x17}").ToArray();
        await using var world = await SqsWorld.StartAsync(dynalite, moto, Snapshot([.. endpoints.SelectMany(endpoint => Many(endpoint, 1, T0))]));

        var planned = await world.PlanAsync();
        var received = new List<string>();
        for (var poll = 0; poll < 5 && received.Count < endpoints.Length; poll++)
        {
            received.AddRange((await world.Source.PollOnceAsync()).Received.Select(message => WorkMessages.Parse(message.Body).ClientVpnEndpointId));
        }

        Assert.Equal(23, planned.EndpointsQueued);
        Assert.Equal(endpoints.Order(StringComparer.Ordinal), received.Order(StringComparer.Ordinal));
        Assert.Equal(23, (await world.Harness.ItemsAsync()).Count);
    }
}
