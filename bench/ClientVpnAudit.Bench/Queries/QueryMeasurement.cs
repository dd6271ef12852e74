namespace ClientVpnAudit.Bench.Queries;

/// <summary>
/// One way of answering one question on a history of <paramref name="DaysStored"/> days: the sessions found, the items
/// the store read, the read units (DynamoDB's rules), the requests and the wall time.
/// </summary>
internal sealed record QueryMeasurement(
    int DaysStored,
    long RecordsStored,
    string Question,
    string Plan,
    int Sessions,
    long ItemsRead,
    double ReadUnits,
    int Requests,
    IReadOnlyDictionary<string, int> RequestsByOperation,
    double WallSeconds);

/// <summary>Everything the query benchmark measured.</summary>
internal sealed record QueryBenchResult(HistorySpec Spec, IReadOnlyList<QueryQuestion> Questions, IReadOnlyList<QueryMeasurement> Measurements,
    double LoadSeconds, double RunSeconds, IReadOnlyList<string> Mismatches)
{
    public const string IndexPlan = "index plan";
    public const string TableScan = "Scan + filter";

    public bool Correct => Mismatches.Count == 0;
}
