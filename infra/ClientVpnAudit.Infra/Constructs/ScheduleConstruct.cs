using Amazon.CDK.AWS.Events;
using Amazon.CDK.AWS.Events.Targets;
using Amazon.CDK.AWS.Lambda;
using ClientVpnAudit.Infra.Configuration;
using Constructs;

namespace ClientVpnAudit.Infra.Constructs;

public sealed class ScheduleProps
{
    public required IFunction Function { get; init; }

    public required ScheduleInterval Interval { get; init; }
}

/// <summary>The EventBridge rule that starts a run every <see cref="ScheduleInterval"/>.</summary>
public sealed class ScheduleConstruct : Construct
{
    /// <summary>Retries of a failed hand-over to Lambda (not of the run itself), bounded by the event age below.</summary>
    public const int DeliveryRetryAttempts = 2;

    public Rule Rule { get; }

    public ScheduleConstruct(Construct scope, string id, ScheduleProps props) : base(scope, id)
    {
        Rule = new Rule(this, "Rule", new RuleProps
        {
            Description = $"Runs the ClientVpnAudit planner every {props.Interval.Minutes} minute(s)",
            Schedule = Schedule.Rate(props.Interval.Duration),
        });

        Rule.AddTarget(new LambdaFunction(props.Function, new LambdaFunctionProps
        {
            RetryAttempts = DeliveryRetryAttempts,
            MaxEventAge = ArchiverFunctionDefaults.ToDuration(props.Interval.MaxEventAge),
        }));
    }
}
