using Amazon.DynamoDBv2.Model;

namespace ClientVpnAudit.Archiver.Storage;

/// <summary>Counts DynamoDB requests and the capacity the store reports for them. Thread-safe.</summary>
public sealed class DynamoDbUsage
{
    private readonly Lock _gate = new();
    private int _requests;
    private double _readUnits;
    private double _writeUnits;

    public int Requests => Volatile.Read(ref _requests);

    public double ReadUnits
    {
        get { lock (_gate) { return _readUnits; } }
    }

    public double WriteUnits
    {
        get { lock (_gate) { return _writeUnits; } }
    }

    public void Record(ConsumedCapacity? consumed) => Record(consumed is null ? [] : [consumed]);

    public void Record(IEnumerable<ConsumedCapacity>? consumed)
    {
        Interlocked.Increment(ref _requests);
        if (consumed is null)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var capacity in consumed)
            {
                _readUnits += capacity.ReadCapacityUnits ?? 0;
                _writeUnits += capacity.WriteCapacityUnits ?? 0;
            }
        }
    }
}
