using System.Text.Json;
using Amazon.CDK.Assertions;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Infra.Constructs;

namespace ClientVpnAudit.Infra.Tests;

public sealed class DashboardAndProtectionTests(DefaultStackFixture stack) : IClassFixture<DefaultStackFixture>
{
    private readonly Template _template = stack.Template;

    [Fact]
    public void Stack_IsProtectedFromDeletionByDefault() => Assert.True(stack.Stack.TerminationProtection);

    [Fact]
    public void Dashboard_ShowsRunsSessionsDurationAgainstTheBudgetTheWorkQueueErrorsAndDroppedRuns()
    {
        _template.ResourceCountIs("AWS::CloudWatch::Dashboard", 1);
        var body = DashboardText(_template.Properties(_template.SingleLogicalId("AWS::CloudWatch::Dashboard"))["DashboardBody"]);

        foreach (var metric in new[]
        {
            ArchiverMetrics.RunSucceeded, ArchiverMetrics.SessionsInserted, ArchiverMetrics.SessionsUpdated,
            ArchiverMetrics.SessionsMarkedLost, ArchiverMetrics.DurationMilliseconds, "Errors", "Throttles", "NumberOfMessagesSent",
            ArchiverMetrics.EndpointsQueued, ArchiverMetrics.StaleWorkDropped, ArchiverMetrics.EndpointsFailed,
            ArchiverMetrics.OldestCompleteListingAgeMinutes, "ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage",
        })
        {
            Assert.Contains($"\"{metric}\"", body, StringComparison.Ordinal);
        }

        Assert.Contains(ArchiverMetrics.Namespace, body, StringComparison.Ordinal);
        Assert.Contains($"\"value\":{ArchiverFunctionDefaults.TimeBudgetSeconds * 1000}", body, StringComparison.Ordinal);
    }

    /// <summary>The dashboard's JSON as CloudFormation will join it, with each reference (function, queue, region) as "TOKEN".</summary>
    private static string DashboardText(object body) => JsonSerializer.SerializeToElement(body) switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString()!,
        var join => string.Concat(join.GetProperty("Fn::Join")[1].EnumerateArray()
            .Select(part => part.ValueKind == JsonValueKind.String ? part.GetString() : "TOKEN")),
    };
}
