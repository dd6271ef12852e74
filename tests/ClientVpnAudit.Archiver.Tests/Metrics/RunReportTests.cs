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

    private static JsonElement MetricsLine(RunSummary summary, IReadOnlyList<string>? emitted = null)
    {
        var output = new StringWriter();
        RunReport.Write(new JsonLog(output), summary, "archiver", emitted ?? ArchiverMetrics.Planner);
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

    [Theory]
    [InlineData("planner")]
    [InlineData("worker")]
    public void Metrics_OfEachFunction_AreExactlyItsOwn_DeclaredAndValued(string function)
    {
        var emitted = function == "planner" ? ArchiverMetrics.Planner : ArchiverMetrics.Worker;

        var line = MetricsLine(Summary(42.5), emitted);

        var declared = line.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Metrics").EnumerateArray()
            .Select(metric => metric.GetProperty("Name").GetString()).ToArray();
        Assert.Equal(emitted.Order(), declared.Order());
        Assert.All(emitted, name => Assert.True(line.TryGetProperty(name, out _), $"{name} has no value"));
    }

    [Fact]
    public void Metrics_TheAlarmsWatch_AreThePlanners_AndTheSessionCountsTheWorkers()
    {
        Assert.Contains(ArchiverMetrics.RunSucceeded, ArchiverMetrics.Planner);
        Assert.Contains(ArchiverMetrics.OldestCompleteListingAgeMinutes, ArchiverMetrics.Planner);
        Assert.DoesNotContain(ArchiverMetrics.SessionsInserted, ArchiverMetrics.Planner);
        Assert.DoesNotContain(ArchiverMetrics.RunSucceeded, ArchiverMetrics.Worker);
        Assert.Contains(ArchiverMetrics.SessionsInserted, ArchiverMetrics.Worker);
    }
}
