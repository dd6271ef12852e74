using Amazon.DynamoDBv2.Model;

namespace ClientVpnAudit.Archiver.Storage;

/// <summary>Counts DynamoDB requests and the capacity the store reports for them. Thread-safe.</summary>
internal sealed class DynamoDbUsage
{
    /// <summary>What a write refused by its condition is counted as (see <see cref="RecordRefusedWrite"/>).</summary>
    public const double RefusedWriteUnits = 1;

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

    public void RecordRead(ConsumedCapacity? consumed) => Record(consumed is null ? [] : [consumed], isWrite: false);

    public void RecordRead(IEnumerable<ConsumedCapacity>? consumed) => Record(consumed, isWrite: false);

    public void RecordWrite(ConsumedCapacity? consumed) => Record(consumed is null ? [] : [consumed], isWrite: true);

    /// <summary>
    /// A write whose condition failed. DynamoDB still charges it (the existing item's size, at least one unit; a session
    /// item is well under 1 KB) but the error carries no ConsumedCapacity, so one unit is counted.
    /// </summary>
    public void RecordRefusedWrite() => Record([new ConsumedCapacity { WriteCapacityUnits = RefusedWriteUnits }], isWrite: true);

    /// <summary>
    /// Stores that report only the total (CapacityUnits, as dynalite does) are read by the kind of request;
    /// DynamoDB also splits it into ReadCapacityUnits and WriteCapacityUnits.
    /// </summary>
    private void Record(IEnumerable<ConsumedCapacity>? consumed, bool isWrite)
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
                if (isWrite)
                {
                    _writeUnits += capacity.WriteCapacityUnits ?? capacity.CapacityUnits ?? 0;
                }
                else
                {
                    _readUnits += capacity.ReadCapacityUnits ?? capacity.CapacityUnits ?? 0;
                }
            }
        }
    }
}
