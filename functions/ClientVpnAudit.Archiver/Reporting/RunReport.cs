using System.Text.Json;
using ClientVpnAudit.Archiver.Pipeline;

namespace ClientVpnAudit.Archiver.Reporting;

/// <summary>
/// Reports a run: one JSON summary line, and one CloudWatch Embedded Metric Format line with the same counts plus
/// RunSucceeded, which the staleness alarm watches.
/// </summary>
internal static class RunReport
{
    /// <param name="emitted">The metrics this function emits (<see cref="ArchiverMetrics.Planner"/>, <see cref="ArchiverMetrics.Worker"/>).</param>
    public static void Write(JsonLog log, RunSummary summary, string functionName, IReadOnlyList<string> emitted)
    {
        log.WriteRaw(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("O"));
            writer.WriteString("level", summary.Succeeded ? "INFO" : "ERROR");
            writer.WriteString("message", "run finished");
            writer.WritePropertyName("summary");
            JsonSerializer.Serialize(writer, summary, ArchiverJsonContext.Default.RunSummary);
            writer.WriteEndObject();
        });
        log.WriteRaw(writer => WriteMetrics(writer, Metrics(summary).Where(metric => emitted.Contains(metric.Name)).ToArray(), functionName));
    }

    private static IReadOnlyList<(string Name, double Value)> Metrics(RunSummary summary) =>
    [
        .. summary.OldestCompleteListingAgeMinutes is { } age ? [(ArchiverMetrics.OldestCompleteListingAgeMinutes, age)] : Array.Empty<(string, double)>(),
        (ArchiverMetrics.RunSucceeded, summary.Succeeded ? 1 : 0),
        (ArchiverMetrics.EndpointsPolled, summary.EndpointsPolled),
        (ArchiverMetrics.EndpointsFailed, summary.EndpointsFailed),
        (ArchiverMetrics.Pages, summary.Pages),
        (ArchiverMetrics.ConnectionsSeen, summary.ConnectionsSeen),
        (ArchiverMetrics.SessionsInserted, summary.SessionsInserted),
        (ArchiverMetrics.SessionsUpdated, summary.SessionsUpdated),
        (ArchiverMetrics.SessionsUnchanged, summary.SessionsUnchanged),
        (ArchiverMetrics.SessionsStale, summary.SessionsStale),
        (ArchiverMetrics.SessionsMarkedLost, summary.SessionsMarkedLost),
        (ArchiverMetrics.MalformedConnections, summary.MalformedConnections),
        (ArchiverMetrics.Warnings, summary.Warnings),
        (ArchiverMetrics.StaleWorkDropped, summary.StaleWorkDropped),
        (ArchiverMetrics.EndpointsQueued, summary.EndpointsQueued),
        (ArchiverMetrics.DynamoDbRequests, summary.DynamoDbRequests),
        (ArchiverMetrics.ReadCapacityUnits, summary.ReadCapacityUnits),
        (ArchiverMetrics.WriteCapacityUnits, summary.WriteCapacityUnits),
        (ArchiverMetrics.DurationMilliseconds, summary.DurationMilliseconds),
    ];

    private static void WriteMetrics(Utf8JsonWriter writer, IReadOnlyList<(string Name, double Value)> metrics, string functionName)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("_aws");
        writer.WriteNumber("Timestamp", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        writer.WriteStartArray("CloudWatchMetrics");
        writer.WriteStartObject();
        writer.WriteString("Namespace", ArchiverMetrics.Namespace);
        writer.WriteStartArray("Dimensions");
        writer.WriteStartArray();
        writer.WriteStringValue(ArchiverMetrics.FunctionNameDimension);
        writer.WriteEndArray();
        writer.WriteEndArray();
        writer.WriteStartArray("Metrics");
        foreach (var (name, _) in metrics)
        {
            writer.WriteStartObject();
            writer.WriteString("Name", name);
            writer.WriteString("Unit", name switch
            {
                ArchiverMetrics.DurationMilliseconds => "Milliseconds",
                ArchiverMetrics.OldestCompleteListingAgeMinutes => "None",
                _ => "Count",
            });
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteString(ArchiverMetrics.FunctionNameDimension, functionName);
        foreach (var (name, value) in metrics)
        {
            writer.WriteNumber(name, value);
        }

        writer.WriteEndObject();
    }
}
