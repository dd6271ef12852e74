namespace ClientVpnAudit.Archiver.Pipeline;

/// <summary>What one run did: returned by the function, logged as one JSON line, and emitted as metrics.</summary>
public sealed record RunSummary
{
    public required string StartedAt { get; init; }
    public required bool Succeeded { get; init; }

    /// <summary>Why the run failed outside any one endpoint (listing the endpoints, closing deleted ones); null otherwise.</summary>
    public string? Error { get; init; }

    /// <summary>Why this run marked no session lost although it could have (its poll's time is unknown); null normally.</summary>
    public string? NothingMarkedLostBecause { get; init; }

    public required int EndpointsPolled { get; init; }
    public required int EndpointsFailed { get; init; }
    public required IReadOnlyList<EndpointFailure> Failures { get; init; }
    public required int EndpointPages { get; init; }
    public required int Pages { get; init; }
    public required int ConnectionsSeen { get; init; }
    public required int SessionsInserted { get; init; }
    public required int SessionsUpdated { get; init; }
    public required int SessionsUnchanged { get; init; }
    public required int SessionsStale { get; init; }
    public required int SessionsMarkedLost { get; init; }
    public required int MalformedConnections { get; init; }
    public required int Warnings { get; init; }

    /// <summary>Work older than the poll interval, dropped by a worker because a later run planned it again.</summary>
    public required int StaleWorkDropped { get; init; }

    /// <summary>The endpoints a planner handed to the work queue; 0 for a worker.</summary>
    public int EndpointsQueued { get; init; }
    public required int DynamoDbRequests { get; init; }
    public required double ReadCapacityUnits { get; init; }
    public required double WriteCapacityUnits { get; init; }
    public required long DurationMilliseconds { get; init; }

    /// <summary>
    /// How long ago (minutes, on the poll's clock) the least recently completed polled endpoint was last listed
    /// completely; null when no endpoint-state table is configured or the poll's time is unknown.
    /// </summary>
    public double? OldestCompleteListingAgeMinutes { get; init; }
}

/// <summary>An endpoint that could not be archived completely, and why.</summary>
public sealed record EndpointFailure(string EndpointId, string Reason);
