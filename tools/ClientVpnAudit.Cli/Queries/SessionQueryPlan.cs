using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Cli.Queries;

/// <summary>
/// How a <see cref="SessionFilter"/> is fetched. Every index is KEYS_ONLY: the plan reads keys (a Query per partition,
/// keyed on ConnectionEstablishedTime BETWEEN Since - 24 h AND Until), the reader fetches the full items with
/// BatchGetItem, and <see cref="SessionFilter.Matches"/> decides on them. Only a request for (nearly) everything scans
/// the table.
/// </summary>
internal sealed record SessionQueryPlan
{
    public required QueryKind Kind { get; init; }

    /// <summary>The index to query or scan; null for a Scan of the table.</summary>
    public SessionIndex? Index { get; init; }

    /// <summary>One Query per value: an endpoint, a user, or each UTC day of the window.</summary>
    public IReadOnlyList<string> PartitionValues { get; init; } = [];

    /// <summary>Lowest ConnectionEstablishedTime to read (stored format), or null for no lower bound.</summary>
    public string? EstablishedFrom { get; init; }

    /// <summary>Highest ConnectionEstablishedTime to read (stored format), or null for no upper bound.</summary>
    public string? EstablishedTo { get; init; }

    public static SessionQueryPlan TableScan { get; } = new() { Kind = QueryKind.TableScan };

    /// <summary>A window of more days than this asks for most of any archive: a Scan reads it in far fewer requests.</summary>
    public const int MaxDayQueries = 3_660;

    /// <param name="now">Bounds a window without --until: nothing is established after now (a day of slack for clocks).</param>
    public static SessionQueryPlan For(SessionFilter filter, DateTimeOffset now)
    {
        var from = filter.Since is { } since
            ? since - DateTimeOffset.MinValue > SessionFilter.LongestSession ? since - SessionFilter.LongestSession : DateTimeOffset.MinValue
            : (DateTimeOffset?)null;
        var to = filter.Until;

        (SessionIndex Index, string Value)? keyed =
            filter.ActiveOnly && filter.EndpointId is { } activeEndpoint ? (SessionTable.ActiveByEndpoint, activeEndpoint)
            : filter.Identity is { } identity ? (SessionTable.ByIdentity, identity)
            : filter.EndpointId is { } endpoint ? (SessionTable.ByEndpoint, endpoint)
            : null;
        if (keyed is { } chosen)
        {
            return Query(chosen.Index, [chosen.Value], from, to);
        }

        if (filter.ActiveOnly)
        {
            return new SessionQueryPlan { Kind = QueryKind.IndexScan, Index = SessionTable.ActiveByEndpoint };
        }

        var days = from is { } first ? Days(first, to ?? now + TimeSpan.FromDays(1)) : [];
        return from is not null && days.Count <= MaxDayQueries
            ? Query(SessionTable.ByEstablishedDay, days, from, to)
            : TableScan;
    }

    /// <summary>The UTC days from the day of <paramref name="first"/> to the day of <paramref name="last"/>, both included.</summary>
    public static IReadOnlyList<string> Days(DateTimeOffset first, DateTimeOffset last)
    {
        var days = new List<string>();
        for (var day = first.UtcDateTime.Date; day <= last.UtcDateTime.Date && days.Count <= MaxDayQueries; day = day.AddDays(1))
        {
            days.Add(AuditTime.Day(new DateTimeOffset(day, TimeSpan.Zero)));
        }

        return days;
    }

    public IReadOnlyList<QueryRequest> ToQueryRequests(string tableName)
    {
        var index = Kind == QueryKind.Query ? Index! : throw new InvalidOperationException($"a {Kind} plan has no QueryRequest");
        return PartitionValues.Select(value => QueryRequest(tableName, index, value)).ToList();
    }

    public ScanRequest ToScanRequest(string tableName) => Kind == QueryKind.Query
        ? throw new InvalidOperationException("a Query plan has no ScanRequest")
        : new ScanRequest { TableName = tableName, IndexName = Index?.Name, ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL };

    private static SessionQueryPlan Query(SessionIndex index, IReadOnlyList<string> values, DateTimeOffset? from, DateTimeOffset? to) => new()
    {
        Kind = QueryKind.Query,
        Index = index,
        PartitionValues = values,
        EstablishedFrom = from is { } start ? AuditTime.Format(start) : null,
        EstablishedTo = to is { } end ? AuditTime.Format(end) : null,
    };

    private QueryRequest QueryRequest(string tableName, SessionIndex index, string partitionValue)
    {
        var names = new Dictionary<string, string> { ["#pk"] = index.PartitionKey };
        var values = new Dictionary<string, AttributeValue> { [":pk"] = new() { S = partitionValue } };
        var keyCondition = "#pk = :pk";
        if (EstablishedFrom is not null || EstablishedTo is not null)
        {
            names["#sk"] = index.SortKey;
            keyCondition += (EstablishedFrom, EstablishedTo) switch
            {
                ({ }, { }) => " AND #sk BETWEEN :from AND :to",
                ({ }, null) => " AND #sk >= :from",
                _ => " AND #sk <= :to",
            };
            if (EstablishedFrom is not null)
            {
                values[":from"] = new() { S = EstablishedFrom };
            }

            if (EstablishedTo is not null)
            {
                values[":to"] = new() { S = EstablishedTo };
            }
        }

        return new QueryRequest
        {
            TableName = tableName,
            IndexName = index.Name,
            KeyConditionExpression = keyCondition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        };
    }
}

/// <summary>What a plan sends: Queries of an index, a Scan of a (sparse) index, or a Scan of the whole table.</summary>
internal enum QueryKind
{
    Query,
    IndexScan,
    TableScan,
}
