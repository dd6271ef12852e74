using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SQS;
using ClientVpnAudit.Archiver.Reporting;
using Constructs;

namespace ClientVpnAudit.Infra.Constructs;

public sealed class DashboardConstructProps
{
    public required IFunction Function { get; init; }

    public required IQueue DeadLetterQueue { get; init; }

    /// <summary>The run's time budget, drawn as a line on the duration graph.</summary>
    public required int TimeBudgetSeconds { get; init; }
}

/// <summary>
/// One CloudWatch dashboard: are runs succeeding, what do they archive, how close do they come to the time budget,
/// and are runs failing or being dropped. Every archiver metric is named by <see cref="ArchiverMetrics"/>.
/// </summary>
public sealed class DashboardConstruct : Construct
{
    public Dashboard Dashboard { get; }

    public DashboardConstruct(Construct scope, string id, DashboardConstructProps props) : base(scope, id)
    {
        var period = AlarmsConstruct.Period;
        Metric Archiver(string name, string statistic, string label) =>
            AlarmsConstruct.ArchiverMetric(props.Function, name, statistic).With(new MetricOptions { Label = label });

        Dashboard = new Dashboard(this, "Dashboard", new DashboardProps { DefaultInterval = Duration.Hours(24) });
        Dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Runs",
                Left = [Archiver(ArchiverMetrics.RunSucceeded, Stats.SUM, "succeeded"), Archiver(ArchiverMetrics.EndpointsFailed, Stats.SUM, "endpoints failed")],
                Right = [Archiver(ArchiverMetrics.OldestCompleteListingAgeMinutes, Stats.MAXIMUM, "oldest complete listing (min)")],
                Width = 12,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Sessions per run",
                Left =
                [
                    Archiver(ArchiverMetrics.SessionsInserted, Stats.SUM, "inserted"),
                    Archiver(ArchiverMetrics.SessionsUpdated, Stats.SUM, "updated"),
                    Archiver(ArchiverMetrics.SessionsMarkedLost, Stats.SUM, "marked lost"),
                ],
                Width = 12,
            }));
        Dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Run duration against the time budget (ms)",
                Left = [Archiver(ArchiverMetrics.DurationMilliseconds, Stats.MAXIMUM, "longest run")],
                LeftAnnotations = [new HorizontalAnnotation { Value = props.TimeBudgetSeconds * 1000, Label = "time budget" }],
                Width = 8,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Errors and throttles",
                Left =
                [
                    props.Function.MetricErrors(new MetricOptions { Period = period, Statistic = Stats.SUM, Label = "errors" }),
                    props.Function.MetricThrottles(new MetricOptions { Period = period, Statistic = Stats.SUM, Label = "throttles" }),
                ],
                Width = 8,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Dropped runs (dead-letter queue)",
                Left = [props.DeadLetterQueue.MetricNumberOfMessagesSent(new MetricOptions { Period = period, Statistic = Stats.SUM, Label = "dropped" })],
                Width = 8,
            }));
    }
}
