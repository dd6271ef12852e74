using Amazon.CDK;
using Amazon.CDK.AWS.CloudWatch;
using Amazon.CDK.AWS.CloudWatch.Actions;
using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Amazon.CDK.AWS.SQS;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Infra.Configuration;
using Constructs;

namespace ClientVpnAudit.Infra.Constructs;

public sealed class AlarmsProps
{
    /// <summary>The scheduled function: its runs, metrics and freshness are the archive's health.</summary>
    public required IFunction Planner { get; init; }

    /// <summary>The queue-triggered function that archives one endpoint per message.</summary>
    public required IFunction Worker { get; init; }

    /// <summary>Where the planner's dropped scheduled events go.</summary>
    public required IQueue DeadLetterQueue { get; init; }

    /// <summary>Where work that failed every receive goes.</summary>
    public required IQueue WorkDeadLetterQueue { get; init; }

    /// <summary>The schedule's rule: its failed invocations are alarmed on.</summary>
    public required IRule ScheduleRule { get; init; }

    /// <summary>The schedule the staleness window is derived from.</summary>
    public required ScheduleInterval Schedule { get; init; }

    /// <summary>Subscribed to the alarm topic when set; the subscription must be confirmed from the email.</summary>
    public required string? AlarmEmail { get; init; }
}

/// <summary>
/// The alarms that say the archive is at risk, all notifying one SNS topic on ALARM and on OK. The staleness alarm is
/// the important one: its window is derived from the schedule (<see cref="ScheduleInterval"/>) so that it fires at
/// least 20 minutes before what ended after the last successful run ages out of AWS Client VPN's 60-minute listing,
/// while a repaired archiver can still recover it.
/// </summary>
public sealed class AlarmsConstruct : Construct
{
    public static readonly Duration Period = ArchiverFunctionDefaults.ToDuration(ScheduleInterval.AlarmPeriod);

    public const int ErrorPeriods = 2;

    /// <summary>An endpoint not listed completely for this long alarms: half of AWS Client VPN's 60-minute window.</summary>
    public const int EndpointFreshnessMinutes = 30;

    public Topic Topic { get; }

    public Alarm ErrorsAlarm { get; }

    public Alarm StalenessAlarm { get; }

    public Alarm DeadLetterAlarm { get; }

    public Alarm ThrottlesAlarm { get; }

    public Alarm FailedInvocationsAlarm { get; }

    public Alarm EndpointFreshnessAlarm { get; }

    public Alarm WorkerErrorsAlarm { get; }

    public Alarm WorkerThrottlesAlarm { get; }

    public Alarm WorkDeadLetterAlarm { get; }

    public AlarmsConstruct(Construct scope, string id, AlarmsProps props) : base(scope, id)
    {
        // Not KMS-encrypted: CloudWatch cannot publish to a topic under the AWS-managed SNS key, and the messages
        // carry only alarm names and states. Requests without TLS are refused (see AllowAlarmsToPublish).
        Topic = new Topic(this, "Topic", new TopicProps
        {
            DisplayName = "ClientVpnAudit alarms",
            EnforceSSL = true,
        });
        if (props.AlarmEmail is { } email)
        {
            Topic.AddSubscription(new EmailSubscription(email));
        }

        ErrorsAlarm = Errors(props.Planner, "Errors",
            "The planner failed (threw or timed out) in two 5-minute periods in a row: a target's endpoints could not be listed or queued.");

        var schedule = props.Schedule;
        StalenessAlarm = RunSucceeded(props.Planner)
            .CreateAlarm(this, "NoSuccessfulRun", new CreateAlarmOptions
            {
                AlarmDescription =
                    $"No planner run succeeded for {schedule.StalenessWindow.TotalMinutes:0} minutes (runs every {schedule.Minutes} "
                    + "minutes). AWS Client VPN forgets ended connections 60 minutes after their end: fix the archiver within "
                    + $"{schedule.RecoveryLead.TotalMinutes:0} minutes and the next successful run still recovers them.",
                Threshold = 1,
                ComparisonOperator = ComparisonOperator.LESS_THAN_THRESHOLD,
                EvaluationPeriods = schedule.StalenessPeriods,
                DatapointsToAlarm = schedule.StalenessPeriods,
                // No metric at all (no runs, or runs that died before reporting) is exactly what this alarm is for.
                TreatMissingData = TreatMissingData.BREACHING,
            });

        // Messages sent, not messages visible: nothing reads this queue, so "visible" would stay in ALARM for the 14 days
        // of retention after the first drop and hide every later one. A sum per period clears itself.
        DeadLetterAlarm = props.DeadLetterQueue
            .MetricNumberOfMessagesSent(new MetricOptions { Period = Period, Statistic = Stats.SUM })
            .CreateAlarm(this, "DeadLetters", new CreateAlarmOptions
            {
                AlarmDescription = "A scheduled run was dropped (failed every attempt or waited too long): see the dead-letter queue.",
                Threshold = 1,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                EvaluationPeriods = 1,
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            });

        ThrottlesAlarm = Throttles(props.Planner, "Throttles",
            "A planner run was throttled: the account's (or the reserved) concurrency is exhausted.");

        FailedInvocationsAlarm = FailedInvocations(props.ScheduleRule)
            .CreateAlarm(this, "ScheduleFailedInvocations", new CreateAlarmOptions
            {
                AlarmDescription = "EventBridge could not invoke the planner (permissions, a deleted function, throttling).",
                Threshold = 1,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                EvaluationPeriods = 1,
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            });

        EndpointFreshnessAlarm = ArchiverMetric(props.Planner, ArchiverMetrics.OldestCompleteListingAgeMinutes, Stats.MAXIMUM, ArchiverMetrics.Planner)
            .CreateAlarm(this, "EndpointNotListed", new CreateAlarmOptions
            {
                AlarmDescription =
                    $"An endpoint has not been listed completely for {EndpointFreshnessMinutes} minutes or more, while the workers "
                    + "may still succeed for the others: see `cvpn-audit endpoints` (LastError) and the workers' run summaries.",
                Threshold = EndpointFreshnessMinutes,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                EvaluationPeriods = 1,
                // No data means no run reported at all: the staleness alarm says that.
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            });

        WorkerErrorsAlarm = Errors(props.Worker, "WorkerErrors",
            "Workers failed (threw or timed out) in two 5-minute periods in a row; an endpoint that merely fails is not an error "
            + "(it is reported in the batch response and by the endpoint freshness alarm).");

        WorkerThrottlesAlarm = Throttles(props.Worker, "WorkerThrottles",
            "A worker was throttled: the account's concurrency is exhausted (maxWorkers bounds the workers themselves).");

        // Messages visible, not messages sent: SQS counts only what is sent to a queue directly, never what a redrive
        // policy moves there. It stays in ALARM until the messages are looked at and the queue purged.
        WorkDeadLetterAlarm = props.WorkDeadLetterQueue
            .MetricApproximateNumberOfMessagesVisible(new MetricOptions { Period = Period, Statistic = Stats.MAXIMUM })
            .CreateAlarm(this, "WorkDeadLetters", new CreateAlarmOptions
            {
                AlarmDescription = $"A piece of work failed {WorkQueueConstruct.MaxReceiveCount} receives (an unreadable message, or one "
                    + "naming a target this deployment does not archive): read it in the work dead-letter queue, then purge it.",
                Threshold = 1,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                EvaluationPeriods = 1,
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            });

        var alarms = new[]
        {
            ErrorsAlarm, StalenessAlarm, DeadLetterAlarm, ThrottlesAlarm, FailedInvocationsAlarm, EndpointFreshnessAlarm,
            WorkerErrorsAlarm, WorkerThrottlesAlarm, WorkDeadLetterAlarm,
        };
        var notify = new SnsAction(Topic);
        foreach (var alarm in alarms)
        {
            alarm.AddAlarmAction(notify);
            alarm.AddOkAction(notify);
        }

        AllowAlarmsToPublish(alarms);
    }

    private Alarm Errors(IFunction function, string id, string description) =>
        function.MetricErrors(new MetricOptions { Period = Period, Statistic = Stats.SUM })
            .CreateAlarm(this, id, new CreateAlarmOptions
            {
                AlarmDescription = description,
                Threshold = 1,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                EvaluationPeriods = ErrorPeriods,
                DatapointsToAlarm = ErrorPeriods,
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            });

    private Alarm Throttles(IFunction function, string id, string description) =>
        function.MetricThrottles(new MetricOptions { Period = Period, Statistic = Stats.SUM })
            .CreateAlarm(this, id, new CreateAlarmOptions
            {
                AlarmDescription = description,
                Threshold = 1,
                ComparisonOperator = ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                EvaluationPeriods = 1,
                TreatMissingData = TreatMissingData.NOT_BREACHING,
            });

    /// <summary>
    /// The topic's resource policy. It replaces SNS's default policy, so it must let CloudWatch publish, and only
    /// for these alarms; CDK adds the TLS-only deny (EnforceSSL) to it. The account's own principals keep their
    /// access through IAM.
    /// </summary>
    private void AllowAlarmsToPublish(IEnumerable<Alarm> alarms) =>
        Topic.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Principals = [new ServicePrincipal("cloudwatch.amazonaws.com")],
            Actions = ["sns:Publish"],
            Resources = [Topic.TopicArn],
            Conditions = new Dictionary<string, object>
            {
                ["ArnEquals"] = new Dictionary<string, object> { ["aws:SourceArn"] = alarms.Select(alarm => alarm.AlarmArn).ToArray() },
                ["StringEquals"] = new Dictionary<string, object> { ["aws:SourceAccount"] = Stack.Of(this).Account },
            },
        }));

    /// <summary>EventBridge's count of the rule's invocations that failed.</summary>
    public static Metric FailedInvocations(IRule rule) => new(new MetricProps
    {
        Namespace = "AWS/Events",
        MetricName = "FailedInvocations",
        DimensionsMap = new Dictionary<string, string> { ["RuleName"] = rule.RuleName },
        Statistic = Stats.SUM,
        Period = Period,
    });

    /// <summary>The planner's own EMF metric: 1 per complete run, 0 per incomplete one.</summary>
    public static Metric RunSucceeded(IFunction planner) => ArchiverMetric(planner, ArchiverMetrics.RunSucceeded, Stats.SUM, ArchiverMetrics.Planner);

    /// <summary>One of the archiver's EMF metrics (<see cref="ArchiverMetrics"/>), by the function's name.</summary>
    /// <param name="emitted">What the function emits: a metric it does not emit would be a graph or an alarm without data.</param>
    public static Metric ArchiverMetric(IFunction function, string name, string statistic, IReadOnlyList<string> emitted) => new(new MetricProps
    {
        MetricName = emitted.Contains(name) ? name : throw new ArgumentException($"{function.Node.Id} does not emit {name}", nameof(name)),
        Namespace = ArchiverMetrics.Namespace,
        DimensionsMap = new Dictionary<string, string> { [ArchiverMetrics.FunctionNameDimension] = function.FunctionName },
        Statistic = statistic,
        Period = Period,
    });
}
