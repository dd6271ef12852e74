using System.Text.Json.Serialization;

namespace ClientVpnAudit.Archiver.Work;

/// <summary>The parts of the event Lambda's SQS event source mapping delivers that the worker reads.</summary>
internal sealed record SqsEvent
{
    [JsonPropertyName("Records")]
    public IReadOnlyList<SqsRecord>? Records { get; init; }
}

internal sealed record SqsRecord
{
    [JsonPropertyName("messageId")]
    public string? MessageId { get; init; }

    [JsonPropertyName("receiptHandle")]
    public string? ReceiptHandle { get; init; }

    [JsonPropertyName("body")]
    public string? Body { get; init; }

    [JsonPropertyName("attributes")]
    public Dictionary<string, string>? Attributes { get; init; }
}

/// <summary>
/// A partial batch response: the messages to deliver again. The event source mapping reads it only with
/// FunctionResponseTypes ReportBatchItemFailures; an empty list deletes the whole batch.
/// </summary>
internal sealed record SqsBatchResponse
{
    [JsonPropertyName("batchItemFailures")]
    public required IReadOnlyList<SqsBatchItemFailure> BatchItemFailures { get; init; }
}

internal sealed record SqsBatchItemFailure
{
    [JsonPropertyName("itemIdentifier")]
    public required string ItemIdentifier { get; init; }
}
