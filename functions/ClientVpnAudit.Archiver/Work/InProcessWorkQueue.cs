using System.Threading.Channels;

namespace ClientVpnAudit.Archiver.Work;

/// <summary>
/// The work queue of a run on one machine (the CLI's run and replay, the tests): a bounded channel drained by a fixed
/// number of workers while the planner fills it. A full queue makes the planner wait, so memory stays bounded however
/// many endpoints there are.
/// </summary>
internal sealed class InProcessWorkQueue : IWorkQueue
{
    private readonly Channel<EndpointWork> _channel;
    private readonly Task _workers;

    /// <param name="work">What one worker does with one item; it reports its own failures and never throws for them.</param>
    public InProcessWorkQueue(int workers, Func<EndpointWork, Task> work)
    {
        _channel = Channel.CreateBounded<EndpointWork>(new BoundedChannelOptions(workers * 2) { SingleWriter = false, SingleReader = false });
        _workers = Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            try
            {
                await foreach (var item in _channel.Reader.ReadAllAsync())
                {
                    await work(item);
                }
            }
            catch (Exception exception)
            {
                // A planner waiting for room would otherwise wait for ever: it fails with the same exception.
                _channel.Writer.TryComplete(exception);
                throw;
            }
        }));
    }

    public async Task EnqueueAsync(IReadOnlyList<EndpointWork> work, CancellationToken cancellationToken)
    {
        foreach (var item in work)
        {
            await _channel.Writer.WriteAsync(item, cancellationToken);
        }
    }

    /// <summary>No more work comes: waits until the workers have done everything queued.</summary>
    public Task DrainAsync()
    {
        _channel.Writer.TryComplete();
        return _workers;
    }
}
