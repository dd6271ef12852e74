using System.Text.Json;
using System.Text.Json.Serialization;
using ClientVpnAudit.Bench.Capacity;

namespace ClientVpnAudit.Bench.Polls;

/// <summary>What a child process measured for one poll: printed by it as one JSON line, read by the harness.</summary>
internal sealed record PollResult
{
    public required string Poller { get; init; }
    public required bool Succeeded { get; init; }
    public string? Error { get; init; }

    /// <summary>The poll itself (RunAsync), without the process's start-up.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>User + system CPU time of the process during the measured poll (the warm-up excluded).</summary>
    public required double CpuSeconds { get; init; }

    public required long PeakWorkingSetBytes { get; init; }
    /// <summary>Bytes allocated during the measured poll, the bench's own accounting included (reported apart in DynamoDb).</summary>
    public required long AllocatedBytes { get; init; }
    public required int Ec2Requests { get; init; }

    /// <summary>The latency the handlers really injected per request, on average.</summary>
    public required double Ec2LatencyMs { get; init; }
    public required double DynamoDbLatencyMs { get; init; }

    public required CapacitySnapshot DynamoDb { get; init; }
    public required int Pages { get; init; }
    public required int ConnectionsSeen { get; init; }
    public int Inserted { get; init; }
    public int Updated { get; init; }
    public int Unchanged { get; init; }
    public int Stale { get; init; }
    public int MarkedLost { get; init; }
    public int EndpointsFailed { get; init; }

    /// <summary>Nothing measured yet: the start of a result.</summary>
    public static readonly PollResult Empty = new()
    {
        Poller = "",
        Succeeded = false,
        WallSeconds = 0,
        CpuSeconds = 0,
        PeakWorkingSetBytes = 0,
        AllocatedBytes = 0,
        Ec2Requests = 0,
        Ec2LatencyMs = 0,
        DynamoDbLatencyMs = 0,
        DynamoDb = new CapacitySnapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, new Dictionary<string, int>()),
        Pages = 0,
        ConnectionsSeen = 0,
    };

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
