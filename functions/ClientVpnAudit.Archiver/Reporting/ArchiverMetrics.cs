namespace ClientVpnAudit.Archiver.Reporting;

/// <summary>
/// The CloudWatch metrics every run emits in Embedded Metric Format. The stack's alarms watch these names, so they
/// are defined here once.
/// </summary>
public static class ArchiverMetrics
{
    public const string Namespace = "ClientVpnAudit";

    /// <summary>The one dimension: the function's name, so two deployments in an account never mix their metrics.</summary>
    public const string FunctionNameDimension = "FunctionName";

    /// <summary>1 when every endpoint was archived completely, else 0. The staleness alarm watches its sum.</summary>
    public const string RunSucceeded = nameof(RunSucceeded);

    public const string EndpointsPolled = nameof(EndpointsPolled);
    public const string EndpointsFailed = nameof(EndpointsFailed);
    public const string Pages = nameof(Pages);
    public const string ConnectionsSeen = nameof(ConnectionsSeen);
    public const string SessionsInserted = nameof(SessionsInserted);
    public const string SessionsUpdated = nameof(SessionsUpdated);
    public const string SessionsUnchanged = nameof(SessionsUnchanged);
    public const string SessionsStale = nameof(SessionsStale);
    public const string SessionsMarkedLost = nameof(SessionsMarkedLost);
    public const string MalformedConnections = nameof(MalformedConnections);
    public const string Warnings = nameof(Warnings);
    public const string StaleWorkDropped = nameof(StaleWorkDropped);

    /// <summary>A planner's: the endpoints it handed to the work queue.</summary>
    public const string EndpointsQueued = nameof(EndpointsQueued);

    public const string DynamoDbRequests = nameof(DynamoDbRequests);
    public const string ReadCapacityUnits = nameof(ReadCapacityUnits);
    public const string WriteCapacityUnits = nameof(WriteCapacityUnits);
    public const string DurationMilliseconds = nameof(DurationMilliseconds);

    /// <summary>Emitted only with an endpoint-state table: the freshness alarm fires on it.</summary>
    public const string OldestCompleteListingAgeMinutes = nameof(OldestCompleteListingAgeMinutes);

    /// <summary>What the planner emits (each metric costs a month's fee per function, so each emits only its own).</summary>
    public static readonly IReadOnlyList<string> Planner =
    [
        OldestCompleteListingAgeMinutes, RunSucceeded, EndpointsPolled, EndpointsQueued, SessionsMarkedLost,
        DynamoDbRequests, ReadCapacityUnits, WriteCapacityUnits, DurationMilliseconds,
    ];

    /// <summary>What a worker emits.</summary>
    public static readonly IReadOnlyList<string> Worker =
    [
        EndpointsPolled, EndpointsFailed, Pages, ConnectionsSeen, SessionsInserted, SessionsUpdated, SessionsUnchanged,
        SessionsStale, SessionsMarkedLost, MalformedConnections, Warnings, StaleWorkDropped, DynamoDbRequests,
        ReadCapacityUnits, WriteCapacityUnits, DurationMilliseconds,
    ];
}
