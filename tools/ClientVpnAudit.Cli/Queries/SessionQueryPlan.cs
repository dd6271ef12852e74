using Amazon.DynamoDBv2.Model;
using ClientVpnAudit.Archiver.Sessions;

namespace ClientVpnAudit.Cli.Queries;

/// <summary>
/// How a <see cref="SessionFilter"/> is fetched: a Query on the index that fits (never a Scan when an endpoint or a user
/// is given), keyed on ConnectionEstablishedTime BETWEEN Since - 24 h AND Until, with a filter expression on what the
/// index projects. What the index returns is a superset; <see cref="SessionFilter.Matches"/> decides on the full items.
/// </summary>
internal sealed record SessionQueryPlan
{
    /// <summary>The index to query; null means a Scan of the table.</summary>
    public SessionIndex? Index { get; init; }

    public string? PartitionValue { get; init; }

    /// <summary>Lowest ConnectionEstablishedTime to read (stored format), or null for no lower bound.</summary>
    public string? EstablishedFrom { get; init; }

    /// <summary>Highest ConnectionEstablishedTime to read (stored format), or null for no upper bound.</summary>
    public string? EstablishedTo { get; init; }

    /// <summary>Conditions on projected, non-key attributes (never on a KEYS_ONLY index).</summary>
    public IReadOnlyList<IndexCondition> Conditions { get; init; } = [];

    public static SessionQueryPlan For(SessionFilter filter)
    {
        var from = filter.Since is { } since ? AuditTime.Format(since - SessionFilter.LongestSession) : null;
        var to = filter.Until is { } until ? AuditTime.Format(until) : null;

        if (filter.ActiveOnly && filter.EndpointId is not null)
        {
            return new SessionQueryPlan
            {
                Index = SessionTable.ActiveByEndpoint,
                PartitionValue = filter.EndpointId,
                EstablishedFrom = from,
                EstablishedTo = to,
            };
        }

        var conditions = new List<IndexCondition>();
        if (filter.ActiveOnly)
        {
            conditions.Add(IndexCondition.NotEqual(SessionAttributes.Status, ConnectionStatus.Terminated));
        }

        if (filter.Since is { } sinceTime)
        {
            conditions.Add(IndexCondition.AbsentOrAtLeast(SessionAttributes.ConnectionEndTime, AuditTime.Format(sinceTime)));
        }

        if (filter.Identity is not null)
        {
            if (filter.EndpointId is not null)
            {
                conditions.Add(IndexCondition.Equal(SessionAttributes.ClientVpnEndpointId, filter.EndpointId));
            }

            return new SessionQueryPlan
            {
                Index = SessionTable.ByIdentity,
                PartitionValue = filter.Identity,
                EstablishedFrom = from,
                EstablishedTo = to,
                Conditions = conditions,
            };
        }

        if (filter.EndpointId is not null)
        {
            return new SessionQueryPlan
            {
                Index = SessionTable.ByEndpoint,
                PartitionValue = filter.EndpointId,
                EstablishedFrom = from,
                EstablishedTo = to,
                Conditions = conditions,
            };
        }

        return new SessionQueryPlan();
    }

    public QueryRequest ToQueryRequest(string tableName)
    {
        var index = Index ?? throw new InvalidOperationException("a Scan plan has no QueryRequest");
        var names = new Dictionary<string, string> { ["#pk"] = index.PartitionKey };
        var values = new Dictionary<string, AttributeValue> { [":pk"] = new() { S = PartitionValue } };
        var keyCondition = "#pk = :pk";
        if (EstablishedFrom is not null || EstablishedTo is not null)
        {
            names["#sk"] = index.SortKey;
            keyCondition += (EstablishedFrom, EstablishedTo) switch
            {
                ({ } from, { } to) => " AND #sk BETWEEN :from AND :to",
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

        var filters = Conditions.Select((condition, i) => condition.Expression($"#f{i}", $":f{i}")).ToList();
        for (var i = 0; i < Conditions.Count; i++)
        {
            names[$"#f{i}"] = Conditions[i].Attribute;
            values[$":f{i}"] = new() { S = Conditions[i].Value };
        }

        return new QueryRequest
        {
            TableName = tableName,
            IndexName = index.Name,
            KeyConditionExpression = keyCondition,
            FilterExpression = filters.Count == 0 ? null : string.Join(" AND ", filters),
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
    }
}

/// <summary>A condition on one string attribute that an index projects.</summary>
internal sealed record IndexCondition(string Attribute, IndexComparison Comparison, string Value)
{
    public static IndexCondition Equal(string attribute, string value) => new(attribute, IndexComparison.Equal, value);

    public static IndexCondition NotEqual(string attribute, string value) => new(attribute, IndexComparison.NotEqual, value);

    /// <summary>"Ended at or after the value, or not ended (yet, or as far as the archive knows)".</summary>
    public static IndexCondition AbsentOrAtLeast(string attribute, string value) => new(attribute, IndexComparison.AbsentOrAtLeast, value);

    public string Expression(string name, string value) => Comparison switch
    {
        IndexComparison.Equal => $"{name} = {value}",
        IndexComparison.NotEqual => $"{name} <> {value}",
        _ => $"(attribute_not_exists({name}) OR {name} >= {value})",
    };
}

internal enum IndexComparison
{
    Equal,
    NotEqual,
    AbsentOrAtLeast,
}
