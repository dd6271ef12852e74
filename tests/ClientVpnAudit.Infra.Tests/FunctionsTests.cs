using Amazon.CDK.Assertions;
using ClientVpnAudit.Archiver;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Infra.Configuration;
using ClientVpnAudit.Infra.Constructs;
using static ClientVpnAudit.Infra.Tests.TemplateJson;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>The planner and the worker: one code package, two handlers, the same runtime and sizing.</summary>
public sealed class FunctionsTests(DefaultStackFixture stack) : IClassFixture<DefaultStackFixture>
{
    private const string FunctionType = "AWS::Lambda::Function";
    private readonly Template _template = stack.Template;

    public static TheoryData<string, string> Handlers => new()
    {
        { CentralStackNames.Planner, PlannerFunction.Handler },
        { CentralStackNames.Worker, WorkerFunction.Handler },
    };

    public static TheoryData<string> Functions => [CentralStackNames.Planner, CentralStackNames.Worker];

    [Fact]
    public void Stack_HasThePlannerAndTheWorker() => _template.ResourceCountIs(FunctionType, 2);

    [Theory]
    [MemberData(nameof(Handlers))]
    public void Function_RunsItsHandlerOnManagedDotnet10Arm64(string constructId, string handler)
    {
        var properties = _template.Properties(_template.FunctionResourceId(constructId));

        Assert.Equal("dotnet10", properties["Runtime"]);
        Assert.Equal(new object[] { "arm64" }, properties["Architectures"]);
        Assert.Equal(handler, properties["Handler"]);
    }

    [Fact]
    public void BothFunctions_ShipTheSameCodePackage()
    {
        var codes = CentralStackNames.RoleOwners.Select(id => _template.Properties(_template.FunctionResourceId(id))["Code"]);

        Assert.Single(codes.Select(code => System.Text.Json.JsonSerializer.Serialize(code)).Distinct());
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Function_HasTheNamedDefaultMemoryAndTimeout_AndReservesNoConcurrency(string constructId)
    {
        var properties = _template.Properties(_template.FunctionResourceId(constructId));

        Assert.Equal((double)ArchiverFunctionDefaults.MemorySizeMb, properties["MemorySize"]);
        Assert.Equal(ArchiverFunctionDefaults.Timeout.TotalSeconds, properties["Timeout"]);
        Assert.False(properties.ContainsKey("ReservedConcurrentExecutions"));
        Assert.Equal(1769, ArchiverFunctionDefaults.MemorySizeMb);
        Assert.Equal(TimeSpan.FromMinutes(2), ArchiverFunctionDefaults.Timeout);
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Function_LogsJsonToItsOwnLogGroup(string constructId)
    {
        var logGroupId = _template.FunctionResourceId(constructId, "AWS::Logs::LogGroup");

        Assert.Equivalent(new Dictionary<string, object> { ["LogFormat"] = "JSON", ["LogGroup"] = Ref(logGroupId) },
            _template.Properties(_template.FunctionResourceId(constructId))["LoggingConfig"], strict: true);
    }

    [Fact]
    public void LogGroups_KeepLogsAYearByDefaultAndOutliveTheStack()
    {
        Assert.Equal(365, LogGroupRetention.DefaultDays);
        var logGroups = _template.FindResources("AWS::Logs::LogGroup", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Properties"] = new Dictionary<string, object> { ["RetentionInDays"] = LogGroupRetention.DefaultDays },
            ["DeletionPolicy"] = "Retain",
            ["UpdateReplacePolicy"] = "Retain",
        }));
        Assert.Equal(2, logGroups.Count);
    }

    [Fact]
    public void Planner_GetsTheWorkQueue_AndLeavesOptionalSettingsToTheArchiver()
    {
        var environment = _template.FunctionEnvironment(CentralStackNames.Planner);

        Assert.Equal(SharedVariables.Append(ArchiverSettingNames.WorkQueueUrl).Order(), environment.Keys.Order());
        Assert.Equivalent(Ref(_template.WorkQueueId()), environment[ArchiverSettingNames.WorkQueueUrl], strict: true);
        AssertShared(environment);
    }

    [Fact]
    public void Worker_GetsThePollInterval_TheSchedulesMinutes_AndTheWorkQueueItRetriesOn()
    {
        var environment = _template.FunctionEnvironment(CentralStackNames.Worker);

        Assert.Equal(SharedVariables.Append(ArchiverSettingNames.PollIntervalMinutes).Append(ArchiverSettingNames.WorkQueueUrl).Order(), environment.Keys.Order());
        Assert.Equal("5", environment[ArchiverSettingNames.PollIntervalMinutes]);
        Assert.Equivalent(Ref(_template.WorkQueueId()), environment[ArchiverSettingNames.WorkQueueUrl], strict: true);
        AssertShared(environment);
    }

    [Fact]
    public void Worker_FollowsTheSchedulesInterval()
    {
        var template = TestStacks.Synthesize(new Dictionary<string, object> { [ContextKeys.ScheduleMinutes] = 12 });

        Assert.Equal("12", template.FunctionEnvironment(CentralStackNames.Worker)[ArchiverSettingNames.PollIntervalMinutes]);
    }

    [Fact]
    public void TimeBudget_EndsThirtySecondsBeforeTheTimeout() =>
        Assert.Equal(ArchiverFunctionDefaults.Timeout.TotalSeconds - 30, ArchiverFunctionDefaults.TimeBudgetSeconds);

    private static readonly string[] SharedVariables =
    [
        ArchiverSettingNames.TableName, ArchiverSettingNames.EndpointTableName, ArchiverSettingNames.TimeBudgetSeconds,
        ArchiverSettingNames.AccountId, ArchiverEnvironment.RuntimeLogFormatVariable,
    ];

    private void AssertShared(IReadOnlyDictionary<string, object> environment)
    {
        Assert.Equivalent(Ref(_template.SessionsTableId()), environment[ArchiverSettingNames.TableName], strict: true);
        Assert.Equivalent(Ref(_template.EndpointTableId()), environment[ArchiverSettingNames.EndpointTableName], strict: true);
        Assert.Equal("90", environment[ArchiverSettingNames.TimeBudgetSeconds]);
        Assert.Equal("Unformatted", environment[ArchiverEnvironment.RuntimeLogFormatVariable]);
    }
}
