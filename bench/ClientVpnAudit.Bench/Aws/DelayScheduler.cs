using System.Diagnostics;

namespace ClientVpnAudit.Bench.Aws;

/// <summary>
/// Delays with about a millisecond of precision. Task.Delay on this kind of machine lands in 4-5 ms steps (a 5 ms
/// delay took 9-10 ms when measured), which would nearly double the modelled DynamoDB latency. One thread ticks with
/// Thread.Sleep(1) while any delay is pending and completes every delay due within half a tick, so delays are right on
/// average, within a tick either way, and cost no spinning CPU.
/// </summary>
internal sealed class DelayScheduler
{
    public static readonly DelayScheduler Shared = new();

    private readonly object _gate = new();
    private readonly PriorityQueue<PendingDelay, long> _pending = new();
    private readonly Thread _thread;
    private double _tickTimestamps = Stopwatch.Frequency / 1000.0;

    private DelayScheduler()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "bench latency", Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var pending = new PendingDelay();
        if (cancellationToken.CanBeCanceled)
        {
            pending.Registration = cancellationToken.Register(() => pending.Done.TrySetCanceled(cancellationToken));
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        lock (_gate)
        {
            _pending.Enqueue(pending, deadline);
            Monitor.Pulse(_gate);
        }

        return pending.Done.Task;
    }

    private void Run()
    {
        var due = new List<PendingDelay>();
        while (true)
        {
            lock (_gate)
            {
                while (_pending.Count == 0)
                {
                    Monitor.Wait(_gate);
                }

                var now = Stopwatch.GetTimestamp() + (long)(_tickTimestamps / 2);
                while (_pending.TryPeek(out var next, out var deadline) && deadline <= now)
                {
                    due.Add(next);
                    _pending.Dequeue();
                }
            }

            foreach (var delay in due)
            {
                delay.Done.TrySetResult();
                delay.Registration.Dispose();
            }

            due.Clear();
            var before = Stopwatch.GetTimestamp();
            Thread.Sleep(1);
            _tickTimestamps = 0.9 * _tickTimestamps + 0.1 * (Stopwatch.GetTimestamp() - before);
        }
    }

    private sealed class PendingDelay
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }
}
