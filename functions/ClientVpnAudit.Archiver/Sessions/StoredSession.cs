namespace ClientVpnAudit.Archiver.Sessions;

/// <summary>The part of a stored session that decides whether a newer snapshot must be written.</summary>
internal sealed record StoredSession
{
    public required string ConnectionId { get; init; }
    public string? Status { get; init; }
    public string? StatusMessage { get; init; }
    public string? ConnectionEndTime { get; init; }
    public string? Username { get; init; }
    public string? CommonName { get; init; }
    public string? ClientIp { get; init; }
    public string? ClientIpv6Address { get; init; }
    public IReadOnlyList<string>? PostureComplianceStatuses { get; init; }
    public required string LastObservedAt { get; init; }

    /// <summary>Null on records archived before records carried their account and region.</summary>
    public string? AccountId { get; init; }

    public string? Region { get; init; }
    public string? MissingSince { get; init; }

    /// <summary>True when AWS reported the end, false when it was inferred (lost), null while not ended.</summary>
    public bool? EndObserved { get; init; }

    /// <summary>AWS reported this session terminated and that report is stored: its end is final.</summary>
    public bool IsObservedEnd => ConnectionStatus.HasEnded(Status) && EndObserved == true;

    /// <summary>The attributes to read back: exactly the ones above, nothing larger.</summary>
    public static readonly IReadOnlyList<string> Attributes =
    [
        SessionAttributes.ConnectionId, SessionAttributes.Status, SessionAttributes.StatusMessage,
        SessionAttributes.ConnectionEndTime, SessionAttributes.Username, SessionAttributes.CommonName,
        SessionAttributes.ClientIp, SessionAttributes.ClientIpv6Address, SessionAttributes.PostureComplianceStatuses,
        SessionAttributes.LastObservedAt, SessionAttributes.MissingSince, SessionAttributes.EndObserved,
        SessionAttributes.AccountId, SessionAttributes.Region,
    ];
}
