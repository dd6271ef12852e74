using System.Text.Json.Serialization;

namespace ClientVpnAudit.Archiver.Reporting;

/// <summary>The parts of an EventBridge "Scheduled Event" worth logging. The run needs none of them.</summary>
internal sealed record ScheduledEvent
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("detail-type")]
    public string? DetailType { get; init; }

    [JsonPropertyName("source")]
    public string? Source { get; init; }

    [JsonPropertyName("time")]
    public string? Time { get; init; }

    [JsonPropertyName("resources")]
    public IReadOnlyList<string>? Resources { get; init; }
}
