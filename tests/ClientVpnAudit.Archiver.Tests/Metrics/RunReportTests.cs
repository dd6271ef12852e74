using System.Text.Json;
using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Archiver.Reporting;

namespace ClientVpnAudit.Archiver.Tests.Metrics;

public sealed class RunReportTests
{
    private static RunSummary Summary(double? oldestAge) => new()
    {
        StartedAt = "2026-03-02T09:00:00Z",
        Succeeded = true,
        EndpointsPolled = 2,
        EndpointsFailed = 0,
        Failures = [],
        EndpointPages = 1,
        Pages = 2,
        ConnectionsSeen = 5,
        SessionsInserted = 5,
        SessionsUpdated = 0,
        SessionsUnchanged = 0,
        SessionsStale = 0,
        SessionsMarkedLost = 0,
        MalformedConnections = 0,
        Warnings = 0,
        StaleWorkDropped = 0,
        DynamoDbRequests = 9,
        ReadCapacityUnits = 1,
        WriteCapacityUnits = 5,
        DurationMilliseconds = 120,
        OldestCompleteListingAgeMinutes = oldestAge,
    };

    private static JsonElement MetricsLine(RunSummary summary)
    {
        var output = new StringWriter();
        RunReport.Write(new JsonLog(output), summary, "archiver");
        return JsonDocument.Parse(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]).RootElement;
    }

    [Fact]
    public void Metrics_WithAnEndpointTable_CarryTheOldestCompleteListingAge()
    {
        var line = MetricsLine(Summary(42.5));

        Assert.Equal(42.5, line.GetProperty(ArchiverMetrics.OldestCompleteListingAgeMinutes).GetDouble());
        var declared = line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray()
            .Single(metric => metric.GetProperty("Name").GetString() == ArchiverMetrics.OldestCompleteListingAgeMinutes);
        Assert.Equal("None", declared.GetProperty("Unit").GetString());
    }

    [Fact]
    public void Metrics_WithoutAnEndpointTable_LeaveTheAgeOut() =>
        Assert.False(MetricsLine(Summary(null)).TryGetProperty(ArchiverMetrics.OldestCompleteListingAgeMinutes, out _));
}
