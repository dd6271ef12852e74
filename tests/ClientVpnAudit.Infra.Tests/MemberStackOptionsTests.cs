using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Infra.Configuration;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>Reading the member stack's context: centralAccountId required, every value checked, one line per refusal.</summary>
public sealed class MemberStackOptionsTests
{
    [Fact]
    public void CentralAccountId_IsRequired_NamedInOneLine()
    {
        var error = Assert.Throws<InvalidContextException>(() => Parse([]));

        Assert.Equal(ContextKeys.CentralAccountId, error.Key);
        Assert.Contains($"-c {ContextKeys.CentralAccountId}=", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void MemberStack_IsRequestedOnlyByItsOwnKeys()
    {
        Assert.False(MemberStackOptions.IsRequested(Context([])));
        Assert.False(MemberStackOptions.IsRequested(Context(new() { [ContextKeys.MemberRoleName] = "AuditReader", [ContextKeys.Targets] = "222222222222:eu-west-1" })));
        Assert.True(MemberStackOptions.IsRequested(Context(new() { [ContextKeys.CentralAccountId] = "123456789012" })));
        Assert.True(MemberStackOptions.IsRequested(Context(new() { [ContextKeys.OrganizationId] = "o-a1b2c3d4e5" })));
    }

    [Fact]
    public void Defaults_AreTheArchiversMemberRoleName_AndNoOrganization()
    {
        var options = Parse(new() { [ContextKeys.CentralAccountId] = " 123456789012 " });

        Assert.Equal("123456789012", options.CentralAccountId);
        Assert.Equal(ArchiverOptions.DefaultMemberRoleName, options.MemberRoleName);
        Assert.Null(options.OrganizationId);
    }

    [Fact]
    public void MemberRoleName_ComesFromTheEnvironmentsBlock_LikeTheCentralStacks()
    {
        var options = Parse(new()
        {
            [ContextKeys.CentralAccountId] = "123456789012",
            [ContextKeys.Environments] = new Dictionary<string, object>
            {
                ["production"] = new Dictionary<string, object>
                {
                    [ContextKeys.AlarmEmail] = StackOptions.NoAlarmEmail,
                    [ContextKeys.KmsKeyArn] = StackOptions.AwsOwnedKey,
                    [ContextKeys.EndpointIds] = StackOptions.AllEndpoints,
                    [ContextKeys.MemberRoleName] = "AuditReader",
                },
            },
            [ContextKeys.Environment] = "production",
        });

        Assert.Equal("AuditReader", options.MemberRoleName);
    }

    [Theory]
    [InlineData(ContextKeys.CentralAccountId, "12345")]
    [InlineData(ContextKeys.CentralAccountId, "arn:aws:iam::123456789012:root")]
    [InlineData(ContextKeys.OrganizationId, "r-a1b2")]
    [InlineData(ContextKeys.OrganizationId, "o-A1B2C3D4E5")]
    [InlineData(ContextKeys.MemberRoleName, "role/AuditReader")]
    public void InvalidValue_IsRefused_NamingTheKeyAndTheValue(string key, string raw)
    {
        var context = new Dictionary<string, object> { [ContextKeys.CentralAccountId] = "123456789012", [key] = raw };

        var error = Assert.Throws<InvalidContextException>(() => Parse(context));

        Assert.Equal(key, error.Key);
        Assert.Contains($"'{key}' is \"{raw}\"", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static Func<string, object?> Context(Dictionary<string, object> context) => key => context.GetValueOrDefault(key);

    private static MemberStackOptions Parse(Dictionary<string, object> context) => MemberStackOptions.FromContext(Context(context));
}
