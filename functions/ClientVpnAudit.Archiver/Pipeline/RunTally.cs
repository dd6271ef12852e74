namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>The counts of a run, added to by every endpoint at once.</summary>
internal sealed class RunTally
{
    private int _pages;
    private int _connectionsSeen;
    private int _inserted;
    private int _updated;
    private int _unchanged;
    private int _stale;
    private int _markedLost;
    private int _malformed;
    private int _warnings;
    private int _endpointsAttempted;
    private int _staleWorkDropped;

    public int Pages => _pages;
    public int ConnectionsSeen => _connectionsSeen;
    public int Inserted => _inserted;
    public int Updated => _updated;
    public int Unchanged => _unchanged;
    public int Stale => _stale;
    public int MarkedLost => _markedLost;
    public int Malformed => _malformed;
    public int Warnings => _warnings;
    public int EndpointsAttempted => _endpointsAttempted;
    public int StaleWorkDropped => _staleWorkDropped;

    public void AddPage(int connections)
    {
        Interlocked.Increment(ref _pages);
        Interlocked.Add(ref _connectionsSeen, connections);
    }

    public void AddInserted() => Interlocked.Increment(ref _inserted);
    public void AddUpdated() => Interlocked.Increment(ref _updated);
    public void AddUnchanged() => Interlocked.Increment(ref _unchanged);
    public void AddStale() => Interlocked.Increment(ref _stale);
    public void AddMarkedLost() => Interlocked.Increment(ref _markedLost);
    public void AddMalformed() => Interlocked.Increment(ref _malformed);
    public void AddWarnings(int count) => Interlocked.Add(ref _warnings, count);
    public void AddEndpointAttempted() => Interlocked.Increment(ref _endpointsAttempted);
    public void AddStaleWorkDropped() => Interlocked.Increment(ref _staleWorkDropped);
}
