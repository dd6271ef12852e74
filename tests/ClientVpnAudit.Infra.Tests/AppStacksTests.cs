using ClientVpnAudit.Infra.Configuration;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>
/// Which stacks the app defines: the central stack alone without member context (CI's `npx cdk synth`, the central
/// deploy), and the member stack too when centralAccountId is given.
/// </summary>
public sealed class AppStacksTests
{
    [Fact]
    public void NoContext_DefinesTheCentralStackAlone()
    {
        var stacks = TestStacks.CreateApp();

        Assert.Equal(CentralStackNames.StackName, stacks.Central.StackName);
        Assert.Null(stacks.Member);
    }

    [Fact]
    public void CentralAccountId_AddsTheMemberStack()
    {
        var stacks = TestStacks.CreateApp(new Dictionary<string, object> { [ContextKeys.CentralAccountId] = "123456789012" });

        Assert.Equal(ClientVpnAuditMemberStack.Name, stacks.Member?.StackName);
        Assert.Equal(CentralStackNames.StackName, stacks.Central.StackName);
    }

    [Fact]
    public void MemberContext_WithoutCentralAccountId_StopsTheSynthInOneLineNamingIt()
    {
        var error = Assert.Throws<InvalidContextException>(() =>
            TestStacks.CreateApp(new Dictionary<string, object> { [ContextKeys.OrganizationId] = "o-a1b2c3d4e5" }));

        Assert.Equal(ContextKeys.CentralAccountId, error.Key);
        Assert.StartsWith($"Context '{ContextKeys.CentralAccountId}' is missing", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
