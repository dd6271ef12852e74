using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SQS;
using ClientVpnAudit.Archiver.Reporting;
using Constructs;

namespace ClientVpnAudit.Infra.Constructs;

public sealed class DashboardConstructProps
{
    public required IFunction Planner { get; init; }

    public required IFunction Worker { get; init; }

    public required IQueue DeadLetterQueue { get; init; }

    public required IQueue WorkQueue { get; init; }

    public required IQueue WorkDeadLetterQueue { get; init; }

    /// <summary>The run's time budget, drawn as a line on the duration graph.</summary>
    public required int TimeBudgetSeconds { get; init; }
}

/// <summary>
/// One CloudWatch dashboard: are the planner's runs succeeding, what do the workers archive, how close do they come to
/// the time budget, how deep is the work queue, and is anything failing or being dropped. Every archiver metric is
/// named by <see cref="ArchiverMetrics"/>; each function reports its own under its own name.
/// </summary>
public sealed class DashboardConstruct : Construct
{
    public Dashboard Dashboard { get; }

    public DashboardConstruct(Construct scope, string id, DashboardConstructProps props) : base(scope, id)
    {
        var period = AlarmsConstruct.Period;
        MetricOptions Options(string label, string statistic = "Sum") => new() { Period = period, Statistic = statistic, Label = label };
        Metric Planner(string name, string statistic, string label) =>
            AlarmsConstruct.ArchiverMetric(props.Planner, name, statistic, ArchiverMetrics.Planner).With(new MetricOptions { Label = label });
        Metric Worker(string name, string statistic, string label) =>
            AlarmsConstruct.ArchiverMetric(props.Worker, name, statistic, ArchiverMetrics.Worker).With(new MetricOptions { Label = label });

        Dashboard = new Dashboard(this, "Dashboard", new DashboardProps { DefaultInterval = Duration.Hours(24) });
        Dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Planner runs",
                Left =
                [
                    Planner(ArchiverMetrics.RunSucceeded, Stats.SUM, "succeeded"),
                    Planner(ArchiverMetrics.EndpointsQueued, Stats.SUM, "endpoints queued"),
                    Worker(ArchiverMetrics.EndpointsFailed, Stats.SUM, "endpoints failed"),
                    Worker(ArchiverMetrics.StaleWorkDropped, Stats.SUM, "stale work dropped"),
                ],
                Right = [Planner(ArchiverMetrics.OldestCompleteListingAgeMinutes, Stats.MAXIMUM, "oldest complete listing (min)")],
                Width = 12,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Sessions",
                Left =
                [
                    Worker(ArchiverMetrics.SessionsInserted, Stats.SUM, "inserted"),
                    Worker(ArchiverMetrics.SessionsUpdated, Stats.SUM, "updated"),
                    Worker(ArchiverMetrics.SessionsMarkedLost, Stats.SUM, "marked lost"),
                    Planner(ArchiverMetrics.SessionsMarkedLost, Stats.SUM, "closed (endpoint gone)"),
                ],
                Width = 12,
            }));
        Dashboard.AddWidgets(
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Run duration against the time budget (ms)",
                Left =
                [
                    Worker(ArchiverMetrics.DurationMilliseconds, Stats.MAXIMUM, "longest worker"),
                    Planner(ArchiverMetrics.DurationMilliseconds, Stats.MAXIMUM, "longest planner"),
                ],
                LeftAnnotations = [new HorizontalAnnotation { Value = props.TimeBudgetSeconds * 1000, Label = "time budget" }],
                Width = 8,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Work queue",
                Left =
                [
                    props.WorkQueue.MetricApproximateNumberOfMessagesVisible(Options("waiting", Stats.MAXIMUM)),
                    props.WorkQueue.MetricApproximateNumberOfMessagesNotVisible(Options("in flight", Stats.MAXIMUM)),
                    props.WorkDeadLetterQueue.MetricApproximateNumberOfMessagesVisible(Options("failed every receive", Stats.MAXIMUM)),
                ],
                Right = [props.WorkQueue.MetricApproximateAgeOfOldestMessage(Options("oldest waiting (s)", Stats.MAXIMUM))],
                Width = 8,
            }),
            new GraphWidget(new GraphWidgetProps
            {
                Title = "Errors, throttles, dropped runs",
                Left =
                [
                    props.Planner.MetricErrors(Options("planner errors")),
                    props.Worker.MetricErrors(Options("worker errors")),
                    props.Planner.MetricThrottles(Options("planner throttles")),
                    props.Worker.MetricThrottles(Options("worker throttles")),
                    props.DeadLetterQueue.MetricNumberOfMessagesSent(Options("dropped runs")),
                ],
                Width = 8,
            }));
    }
}
