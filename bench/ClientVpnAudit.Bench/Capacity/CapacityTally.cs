namespace ClientVpnAudit.Bench.Capacity;

/// <summary>DynamoDB requests and the units they cost, added to from many requests at once.</summary>
internal sealed class CapacityTally
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _requestsByOperation = new(StringComparer.Ordinal);
    private int _requests;
    private int _writeRequests;
    private int _conditionalFailures;
    private double _writeUnits;
    private double _indexWriteUnits;
    private double _readUnits;
    private long _itemsRead;
    private double _storeReportedUnits;
    private long _overheadBytes;
    private TimeSpan _overheadTime;

    public CapacitySnapshot Snapshot()
    {
        lock (_gate)
        {
            return new CapacitySnapshot(_requests, _writeRequests, _conditionalFailures, _writeUnits, _indexWriteUnits,
                _readUnits, _itemsRead, _storeReportedUnits, _overheadBytes, _overheadTime.TotalSeconds, new SortedDictionary<string, int>(_requestsByOperation, StringComparer.Ordinal));
        }
    }

    public void AddRequest(string operation)
    {
        lock (_gate)
        {
            _requests++;
            _requestsByOperation[operation] = _requestsByOperation.GetValueOrDefault(operation) + 1;
        }
    }

    public void AddWrite(WriteCost cost, bool conditionFailed)
    {
        lock (_gate)
        {
            _writeRequests++;
            _writeUnits += cost.Total;
            _indexWriteUnits += cost.Indexes;
            if (conditionFailed)
            {
                _conditionalFailures++;
            }
        }
    }

    public void AddRead(double units, int items)
    {
        lock (_gate)
        {
            _readUnits += units;
            _itemsRead += items;
        }
    }

    /// <summary>What the accounting itself allocated and spent, so it can be taken off the measured poller.</summary>
    public void AddOverhead((long Bytes, TimeSpan Cpu) overhead)
    {
        lock (_gate)
        {
            _overheadBytes += overhead.Bytes;
            _overheadTime += overhead.Cpu;
        }
    }

    public void AddStoreReported(double units)
    {
        lock (_gate)
        {
            _storeReportedUnits += units;
        }
    }
}

/// <summary>What a poll's DynamoDB requests cost, computed by DynamoDB's rules; and the total the store itself reported.</summary>
internal sealed record CapacitySnapshot(
    int Requests,
    int WriteRequests,
    int ConditionalFailures,
    double WriteUnits,
    double IndexWriteUnits,
    double ReadUnits,
    long ItemsRead,
    double StoreReportedUnits,
    long AccountingAllocatedBytes,
    double AccountingCpuSeconds,
    IReadOnlyDictionary<string, int> RequestsByOperation);
