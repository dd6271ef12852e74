using System.Diagnostics;

namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>
/// A run's time budget. No new page starts once the budget is spent; requests already under way get a grace period,
/// after which their CancellationToken fires so the run can still report before the function times out.
/// </summary>
internal sealed class RunBudget : IDisposable
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);

    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly TimeSpan _budget;
    private readonly CancellationTokenSource _hardStop;

    public RunBudget(TimeSpan budget, CancellationToken externalCancellation)
    {
        _budget = budget;
        _hardStop = CancellationTokenSource.CreateLinkedTokenSource(externalCancellation);
        _hardStop.CancelAfter(budget + Grace);
    }

    /// <summary>Every SDK call of the run takes this token.</summary>
    public CancellationToken Token => _hardStop.Token;

    public TimeSpan Elapsed => _elapsed.Elapsed;

    public bool MayStartWork() => _elapsed.Elapsed < _budget && !_hardStop.IsCancellationRequested;

    public void Dispose() => _hardStop.Dispose();
}
