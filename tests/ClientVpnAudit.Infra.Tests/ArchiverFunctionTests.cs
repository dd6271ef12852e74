using Amazon.CDK.Assertions;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Infra.Configuration;
using ClientVpnAudit.Infra.Constructs;
using static ClientVpnAudit.Infra.Tests.TemplateJson;

namespace ClientVpnAudit.Infra.Tests;

public sealed class ArchiverFunctionTests(DefaultStackFixture stack) : IClassFixture<DefaultStackFixture>
{
    private const string FunctionType = "AWS::Lambda::Function";
    private readonly Template _template = stack.Template;

    [Fact]
    public void Stack_HasExactlyOneFunction() => _template.ResourceCountIs(FunctionType, 1);

    [Fact]
    public void Function_RunsTheArchiverHandlerOnManagedDotnet10Arm64()
    {
        _template.HasResourceProperties(FunctionType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["Runtime"] = "dotnet10",
            ["Architectures"] = new object[] { "arm64" },
            ["Handler"] = Function.Handler,
        }));
    }

    [Fact]
    public void Function_HasTheNamedDefaultMemoryAndTimeout()
    {
        _template.HasResourceProperties(FunctionType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["MemorySize"] = ArchiverFunctionDefaults.MemorySizeMb,
            ["Timeout"] = ArchiverFunctionDefaults.Timeout.TotalSeconds,
        }));
        Assert.Equal(1769, ArchiverFunctionDefaults.MemorySizeMb);
        Assert.Equal(TimeSpan.FromMinutes(2), ArchiverFunctionDefaults.Timeout);
    }

    [Fact]
    public void Function_ReservesNoConcurrencyByDefault_SoTheFirstDeployWorksInNewAccounts() =>
        _template.HasResourceProperties(FunctionType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["ReservedConcurrentExecutions"] = Match.Absent(),
        }));

    [Fact]
    public void Function_LogsJsonToItsOwnLogGroup()
    {
        var logGroupId = _template.SingleLogicalId("AWS::Logs::LogGroup");
        _template.HasResourceProperties(FunctionType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["LoggingConfig"] = new Dictionary<string, object>
            {
                ["LogFormat"] = "JSON",
                ["LogGroup"] = Ref(logGroupId),
            },
        }));
    }

    [Fact]
    public void LogGroup_KeepsLogsAYearByDefaultAndOutlivesTheStack()
    {
        Assert.Equal(365, LogGroupRetention.DefaultDays);
        _template.HasResource("AWS::Logs::LogGroup", Match.ObjectLike(new Dictionary<string, object>
        {
            ["Properties"] = new Dictionary<string, object> { ["RetentionInDays"] = LogGroupRetention.DefaultDays },
            ["DeletionPolicy"] = "Retain",
            ["UpdateReplacePolicy"] = "Retain",
        }));
    }

    [Fact]
    public void Environment_HoldsTheTableNameTimeBudgetAndLogPassThrough_AndLeavesOptionalSettingsToTheArchiver()
    {
        var tableId = _template.SessionsTableId();
        var variables = new Capture();
        _template.HasResourceProperties(FunctionType, Match.ObjectLike(new Dictionary<string, object>
        {
            ["Environment"] = new Dictionary<string, object> { ["Variables"] = variables },
        }));

        var environment = variables.AsObject();
        Assert.Equal(
            new[]
            {
                ArchiverSettingNames.TableName, ArchiverSettingNames.EndpointTableName, ArchiverSettingNames.TimeBudgetSeconds,
                ArchiverSettingNames.AccountId,
                ArchiverEnvironment.RuntimeLogFormatVariable,
            }.Order(),
            environment.Keys.Order());
        Assert.Equal(Ref(tableId), environment[ArchiverSettingNames.TableName]);
        Assert.Equal(Ref(_template.EndpointTableId()), environment[ArchiverSettingNames.EndpointTableName]);
        Assert.Equal("90", environment[ArchiverSettingNames.TimeBudgetSeconds]);
        Assert.Equal("Unformatted", environment[ArchiverEnvironment.RuntimeLogFormatVariable]);
    }

    [Fact]
    public void TimeBudget_EndsThirtySecondsBeforeTheTimeout()
    {
        Assert.Equal(
            ArchiverFunctionDefaults.Timeout.TotalSeconds - 30,
            ArchiverFunctionDefaults.TimeBudgetSeconds);
    }
}
