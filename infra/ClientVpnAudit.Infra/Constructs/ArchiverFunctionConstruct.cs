using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.SQS;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Infra.Configuration;
using Constructs;
using LambdaFunction = Amazon.CDK.AWS.Lambda.Function;

namespace ClientVpnAudit.Infra.Constructs;

public sealed class ArchiverFunctionProps
{
    /// <summary>The published archiver (an asset of the publish folder); tests pass a placeholder.</summary>
    public required Code Code { get; init; }

    /// <summary>PlannerFunction.Handler or WorkerFunction.Handler.</summary>
    public required string Handler { get; init; }

    /// <summary>What the function does, for the function and its role.</summary>
    public required string Description { get; init; }

    public required ArchiverAccess Access { get; init; }

    /// <summary>The variables only this function needs (see <see cref="ArchiverEnvironment"/>).</summary>
    public required IReadOnlyDictionary<string, string> OwnSettings { get; init; }

    public required ITable Table { get; init; }

    public required ITable EndpointTable { get; init; }

    public required IKey? TableEncryptionKey { get; init; }

    /// <summary>
    /// For an asynchronously invoked function (the scheduled planner): where an event goes that failed every attempt or
    /// waited too long. Null for the queue-triggered worker, which Lambda invokes synchronously.
    /// </summary>
    public IQueue? DeadLetterQueue { get; init; }

    /// <summary>Concurrent executions reserved for the function; null reserves none.</summary>
    public int? ReservedConcurrency { get; init; }

    public required StackOptions Options { get; init; }
}

/// <summary>One of the archiver's Lambda functions (planner or worker), with its log group and role.</summary>
public sealed class ArchiverFunctionConstruct : Construct
{
    /// <summary>The managed .NET 10 runtime; this CDK version predates Runtime.DOTNET_10.</summary>
    public static readonly Runtime DotNet10 = new("dotnet10", RuntimeFamily.DOTNET_CORE);

    public LambdaFunction Function { get; }

    public LogGroup LogGroup { get; }

    public ArchiverFunctionConstruct(Construct scope, string id, ArchiverFunctionProps props) : base(scope, id)
    {
        LogGroup = new LogGroup(this, "LogGroup", new LogGroupProps
        {
            Retention = LogGroupRetention.ToRetentionDays(props.Options.LogRetentionDays),
            // The run history is audit evidence too: it outlives the stack like the table does.
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        var role = new ArchiverRoleConstruct(this, "ExecutionRole", new ArchiverRoleProps
        {
            Table = props.Table,
            EndpointTable = props.EndpointTable,
            TableEncryptionKey = props.TableEncryptionKey,
            LogGroup = LogGroup,
            Targets = props.Options.Targets,
            MemberRoleName = props.Options.MemberRoleName ?? ArchiverOptions.DefaultMemberRoleName,
            Access = props.Access,
            Description = props.Description,
        });

        var asynchronous = props.DeadLetterQueue is not null;
        Function = new LambdaFunction(this, "Function", new FunctionProps
        {
            Description = props.Description,
            Runtime = DotNet10,
            Architecture = Architecture.ARM_64,
            Handler = props.Handler,
            Code = props.Code,
            MemorySize = ArchiverFunctionDefaults.MemorySizeMb,
            Timeout = ArchiverFunctionDefaults.ToDuration(ArchiverFunctionDefaults.Timeout),
            // No reservation unless asked for: Lambda refuses one that would leave the account below its unreserved
            // minimum (new accounts), and overlapping runs are safe: every write is conditional.
            ReservedConcurrentExecutions = props.ReservedConcurrency,
            Role = role.Role,
            // Lambda's own lines (START, REPORT, errors) as JSON; the archiver's lines are JSON already and pass
            // through unchanged (see ArchiverEnvironment.RuntimeLogFormatVariable).
            LoggingFormat = LoggingFormat.JSON,
            LogGroup = LogGroup,
            Environment = ArchiverEnvironment.Build(props.Table.TableName, props.EndpointTable.TableName, props.Options,
                ArchiverFunctionDefaults.TimeBudgetSeconds, props.OwnSettings),
            RetryAttempts = asynchronous ? ArchiverFunctionDefaults.AsyncRetryAttempts : null,
            MaxEventAge = asynchronous ? ArchiverFunctionDefaults.ToDuration(props.Options.Schedule.MaxEventAge) : null,
            DeadLetterQueue = props.DeadLetterQueue,
        });
    }
}
