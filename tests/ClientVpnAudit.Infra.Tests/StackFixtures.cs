using Amazon.CDK.Assertions;
using ClientVpnAudit.Infra.Configuration;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>The stack with no context at all: every default.</summary>
public sealed class DefaultStackFixture
{
    public DefaultStackFixture()
    {
        Stack = TestStacks.Create();
        Template = Template.FromStack(Stack);
    }

    public ClientVpnAuditStack Stack { get; }

    public Template Template { get; }
}

/// <summary>The stack with every context option set, the schedule at its 1-minute extreme.</summary>
public sealed class CustomizedStackFixture
{
    public static readonly Dictionary<string, object> Context = new()
    {
        [ContextKeys.ScheduleMinutes] = "1",
        [ContextKeys.RetentionDays] = 400,
        [ContextKeys.EndpointIds] = "cvpn-endpoint-0123456789abcdef0, cvpn-endpoint-0fedcba9876543210",
        [ContextKeys.AlarmEmail] = "audit-alarms@example.com",
        [ContextKeys.KmsKeyArn] = TestStacks.KeyArn,
        [ContextKeys.LogRetentionDays] = "731",
        [ContextKeys.ActiveRefreshMinutes] = 30,
        [ContextKeys.MaxConcurrency] = "8",
        [ContextKeys.ReservedConcurrency] = 2,
        [ContextKeys.TerminationProtection] = "false",
        [ContextKeys.Targets] = "222222222222:eu-west-1, 333333333333:us-east-2",
        [ContextKeys.MemberRoleName] = "AuditReader",
    };

    public CustomizedStackFixture()
    {
        Stack = TestStacks.Create(Context);
        Template = Template.FromStack(Stack);
    }

    public ClientVpnAuditStack Stack { get; }

    public Template Template { get; }
}
