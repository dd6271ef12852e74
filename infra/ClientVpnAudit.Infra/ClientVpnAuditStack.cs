using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
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
/// ClientVpnAudit: a schedule runs the archiver, which copies AWS Client VPN connections into the sessions table;
/// alarms say when the archive is at risk.
/// </summary>
public sealed class ClientVpnAuditStack : Stack
{
    public SessionTableConstruct Sessions { get; }

    public EndpointStateTableConstruct EndpointState { get; }

    public ArchiverFunctionConstruct Archiver { get; }

    public AlarmsConstruct Alarms { get; }

    public ClientVpnAuditStack(Construct scope, string id, ClientVpnAuditStackProps props) : base(scope, id, Protected(props))
    {
        var options = props.Options;
        var tableKey = options.KmsKeyArn is { } arn ? Key.FromKeyArn(this, "TableKey", arn) : null;

        Sessions = new SessionTableConstruct(this, "Sessions", new TableEncryptionProps { EncryptionKey = tableKey });

        EndpointState = new EndpointStateTableConstruct(this, "EndpointState", new TableEncryptionProps { EncryptionKey = tableKey });

        var deadLetters = new DeadLetterQueueConstruct(this, "DeadLetters");

        // Its id starts the role's name, which member accounts trust (CentralStackNames).
        Archiver = new ArchiverFunctionConstruct(this, CentralStackNames.Archiver, new ArchiverFunctionProps
        {
            Code = props.ArchiverCode,
            Table = Sessions.Table,
            EndpointTable = EndpointState.Table,
            TableEncryptionKey = tableKey,
            DeadLetterQueue = deadLetters.Queue,
            Options = options,
        });

        var schedule = new ScheduleConstruct(this, "Schedule", new ScheduleProps
        {
            Function = Archiver.Function,
            Interval = options.Schedule,
        });

        Alarms = new AlarmsConstruct(this, "Alarms", new AlarmsProps
        {
            Function = Archiver.Function,
            DeadLetterQueue = deadLetters.Queue,
            ScheduleRule = schedule.Rule,
            Schedule = options.Schedule,
            AlarmEmail = options.AlarmEmail,
        });

        _ = new DashboardConstruct(this, "Dashboard", new DashboardConstructProps
        {
            Function = Archiver.Function,
            DeadLetterQueue = deadLetters.Queue,
            TimeBudgetSeconds = ArchiverFunctionDefaults.TimeBudgetSeconds,
        });

        Output(OutputNames.TableName, Sessions.Table.TableName, "The sessions table");
        Output(OutputNames.EndpointTableName, EndpointState.Table.TableName, "Each endpoint's last complete listing (cvpn-audit endpoints --endpoint-table)");
        Output(OutputNames.FunctionName, Archiver.Function.FunctionName, "The archiver function");
        Output(OutputNames.LogGroupName, Archiver.LogGroup.LogGroupName, "The archiver's logs (run summaries)");
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
    public const string FunctionName = "FunctionName";
    public const string LogGroupName = "LogGroupName";
    public const string AlarmTopicArn = "AlarmTopicArn";
}
