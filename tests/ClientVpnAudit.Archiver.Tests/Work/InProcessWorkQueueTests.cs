using System.Threading.Channels;
using ClientVpnAudit.Archiver.Work;

namespace ClientVpnAudit.Archiver.Tests.Work;

public sealed class InProcessWorkQueueTests
{
    private static EndpointWork Work(int index) =>
        new("111111111111", "eu-west-1", $"cvpn-endpoint-{index:x17}", "available", "run", null);

    [Fact]
    public async Task EveryItem_IsDoneOnce_ByAtMostTheGivenNumberOfWorkersAtOnce()
    {
        var (running, most, done) = (0, 0, new System.Collections.Concurrent.ConcurrentBag<string>());
        var queue = new InProcessWorkQueue(3, async work =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(5);
            done.Add(work.ClientVpnEndpointId);
            Interlocked.Decrement(ref running);
        });

        await queue.EnqueueAsync([.. Enumerable.Range(0, 20).Select(Work)], CancellationToken.None);
        await queue.DrainAsync();

        Assert.Equal(Enumerable.Range(0, 20).Select(index => Work(index).ClientVpnEndpointId).Order(), done.Order());
        Assert.InRange(most, 1, 3);
    }

    [Fact]
    public async Task WhenTheQueueIsFull_ThePlannerWaitsForRoom()
    {
        var release = new TaskCompletionSource();
        var queue = new InProcessWorkQueue(1, _ => release.Task);

        var enqueue = queue.EnqueueAsync([.. Enumerable.Range(0, 10).Select(Work)], CancellationToken.None);
        await Task.Delay(50);

        Assert.False(enqueue.IsCompleted);
        release.SetResult();
        await enqueue;
        await queue.DrainAsync();
    }

    [Fact]
    public async Task WhenAWorkerFails_ThePlannerWaitingForRoomFailsToo_AndDrainRethrows()
    {
        var queue = new InProcessWorkQueue(1, _ => throw new InvalidOperationException("worker broke"));

        var error = await Assert.ThrowsAsync<ChannelClosedException>(() =>
            queue.EnqueueAsync([.. Enumerable.Range(0, 10).Select(Work)], CancellationToken.None));

        Assert.Equal("worker broke", error.InnerException?.Message);
        await Assert.ThrowsAsync<InvalidOperationException>(queue.DrainAsync);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
