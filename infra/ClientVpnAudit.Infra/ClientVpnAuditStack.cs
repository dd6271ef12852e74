using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using ClientVpnAudit.Archiver;
using ClientVpnAudit.Infra.Configuration;
using ClientVpnAudit.Infra.Constructs;
using Constructs;

namespace ClientVpnAudit.Infra;

public sealed class ClientVpnAuditStackProps : StackProps
{
    public required StackOptions Options { get; init; }

    /// <summary>The archiver's deployment package.</summary>
    public required Code ArchiverCode { get; init; }
}

/// <summary>
/// ClientVpnAudit: a schedule runs the planner, which lists every target's endpoints and queues one piece of work per
/// endpoint; workers started by the queue copy each endpoint's AWS Client VPN connections into the sessions table;
/// alarms say when the archive is at risk.
/// </summary>
public sealed class ClientVpnAuditStack : Stack
{
    public SessionTableConstruct Sessions { get; }

    public EndpointStateTableConstruct EndpointState { get; }

    public WorkQueueConstruct WorkQueue { get; }

    public ArchiverFunctionConstruct Planner { get; }

    public ArchiverFunctionConstruct Worker { get; }

    public AlarmsConstruct Alarms { get; }

    public ClientVpnAuditStack(Construct scope, string id, ClientVpnAuditStackProps props) : base(scope, id, Protected(props))
    {
        var options = props.Options;
        var tableKey = options.KmsKeyArn is { } arn ? Key.FromKeyArn(this, "TableKey", arn) : null;

        Sessions = new SessionTableConstruct(this, "Sessions", new TableEncryptionProps { EncryptionKey = tableKey });

        EndpointState = new EndpointStateTableConstruct(this, "EndpointState", new TableEncryptionProps { EncryptionKey = tableKey });

        var deadLetters = new DeadLetterQueueConstruct(this, "DeadLetters");

        WorkQueue = new WorkQueueConstruct(this, "Work");

        // Their ids start the roles' names, which member accounts trust (CentralStackNames).
        Planner = new ArchiverFunctionConstruct(this, CentralStackNames.Planner, new ArchiverFunctionProps
        {
            Code = props.ArchiverCode,
            Handler = PlannerFunction.Handler,
            Description = "ClientVpnAudit planner: lists Client VPN endpoints and queues one piece of work per endpoint",
            Access = ArchiverAccess.Planner,
            OwnSettings = ArchiverEnvironment.PlannerSettings(WorkQueue.Queue.QueueUrl),
            Table = Sessions.Table,
            EndpointTable = EndpointState.Table,
            TableEncryptionKey = tableKey,
            DeadLetterQueue = deadLetters.Queue,
            ReservedConcurrency = options.ReservedConcurrency,
            Options = options,
        });
        WorkQueue.GrantSend(Planner.Function);

        Worker = new ArchiverFunctionConstruct(this, CentralStackNames.Worker, new ArchiverFunctionProps
        {
            Code = props.ArchiverCode,
            Handler = WorkerFunction.Handler,
            Description = "ClientVpnAudit worker: archives one Client VPN endpoint's connections into the sessions table",
            Access = ArchiverAccess.Worker,
            OwnSettings = ArchiverEnvironment.WorkerSettings(options.Schedule, WorkQueue.Queue.QueueUrl),
            Table = Sessions.Table,
            EndpointTable = EndpointState.Table,
            TableEncryptionKey = tableKey,
            Options = options,
        });
        WorkQueue.Trigger(Worker.Function, options.MaxWorkers);

        var schedule = new ScheduleConstruct(this, "Schedule", new ScheduleProps
        {
            Function = Planner.Function,
            Interval = options.Schedule,
        });

        Alarms = new AlarmsConstruct(this, "Alarms", new AlarmsProps
        {
            Planner = Planner.Function,
            Worker = Worker.Function,
            DeadLetterQueue = deadLetters.Queue,
            WorkDeadLetterQueue = WorkQueue.DeadLetterQueue,
            ScheduleRule = schedule.Rule,
            Schedule = options.Schedule,
            AlarmEmail = options.AlarmEmail,
        });

        _ = new DashboardConstruct(this, "Dashboard", new DashboardConstructProps
        {
            Planner = Planner.Function,
            Worker = Worker.Function,
            DeadLetterQueue = deadLetters.Queue,
            WorkQueue = WorkQueue.Queue,
            WorkDeadLetterQueue = WorkQueue.DeadLetterQueue,
            TimeBudgetSeconds = ArchiverFunctionDefaults.TimeBudgetSeconds,
        });

        Output(OutputNames.TableName, Sessions.Table.TableName, "The sessions table");
        Output(OutputNames.EndpointTableName, EndpointState.Table.TableName, "Each endpoint's last complete listing (cvpn-audit endpoints --endpoint-table)");
        Output(OutputNames.PlannerFunctionName, Planner.Function.FunctionName, "The scheduled planner function");
        Output(OutputNames.WorkerFunctionName, Worker.Function.FunctionName, "The queue-triggered worker function");
        Output(OutputNames.PlannerLogGroupName, Planner.LogGroup.LogGroupName, "The planner's logs (run summaries)");
        Output(OutputNames.WorkerLogGroupName, Worker.LogGroup.LogGroupName, "The workers' logs (one summary per endpoint)");
        Output(OutputNames.WorkQueueUrl, WorkQueue.Queue.QueueUrl, "The work queue (one message per endpoint and run)");
        Output(OutputNames.WorkDeadLetterQueueUrl, WorkQueue.DeadLetterQueue.QueueUrl, "Work that failed every receive");
        Output(OutputNames.AlarmTopicArn, Alarms.Topic.TopicArn, "Subscribe here to receive the alarms");
    }

    /// <summary>Termination protection as the options say (on unless turned off), whatever the caller's props say.</summary>
    private static ClientVpnAuditStackProps Protected(ClientVpnAuditStackProps props)
    {
        props.TerminationProtection = props.Options.TerminationProtection;
        return props;
    }

    private void Output(string id, string value, string description) =>
        _ = new CfnOutput(this, id, new CfnOutputProps { Value = value, Description = description });
}

/// <summary>The stack's outputs (`npx cdk deploy` prints them; scripts read them from the stack).</summary>
public static class OutputNames
{
    public const string TableName = "TableName";
    public const string EndpointTableName = "EndpointTableName";
    public const string PlannerFunctionName = "PlannerFunctionName";
    public const string WorkerFunctionName = "WorkerFunctionName";
    public const string PlannerLogGroupName = "PlannerLogGroupName";
    public const string WorkerLogGroupName = "WorkerLogGroupName";
    public const string WorkQueueUrl = "WorkQueueUrl";
    public const string WorkDeadLetterQueueUrl = "WorkDeadLetterQueueUrl";
    public const string AlarmTopicArn = "AlarmTopicArn";
}
