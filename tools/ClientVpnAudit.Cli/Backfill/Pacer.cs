namespace ClientVpnAudit.Cli.Backfill;

/// <summary>
/// Spaces requests to at most <c>perSecond</c> per second, shared by every task that asks: the n-th request may start
/// n / perSecond seconds after the first.
/// </summary>
internal sealed class Pacer(int perSecond, TimeProvider clock)
{
    private readonly long _startTicks = clock.GetTimestamp();
    private long _granted = -1;

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var slot = Interlocked.Increment(ref _granted);
        var due = TimeSpan.FromSeconds((double)slot / perSecond) - clock.GetElapsedTime(_startTicks);
        return due > TimeSpan.Zero ? Task.Delay(due, clock, cancellationToken) : Task.CompletedTask;
    }
}
