using System.Text.Json;
using ClientVpnAudit.Infra.Configuration;
using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>`-c env=NAME` reads a committed block of settings, and never lets a required one fall back silently.</summary>
public sealed class DeploymentEnvironmentTests
{
    private static Dictionary<string, object> Production(Action<Dictionary<string, object>>? change = null)
    {
        var block = new Dictionary<string, object>
        {
            [ContextKeys.AlarmEmail] = "secops@example.com",
            [ContextKeys.KmsKeyArn] = TestStacks.KeyArn,
            [ContextKeys.EndpointIds] = "cvpn-endpoint-0123456789abcdef0",
            [ContextKeys.RetentionDays] = 400.0,
        };
        change?.Invoke(block);
        return new Dictionary<string, object>
        {
            [ContextKeys.Environments] = new Dictionary<string, object> { ["production"] = block },
            [ContextKeys.Environment] = "production",
        };
    }

    private static StackOptions Parse(Dictionary<string, object> context) => StackOptions.FromContext(key => context.GetValueOrDefault(key));

    [Fact]
    public void Env_ReadsItsBlock()
    {
        var options = Parse(Production());

        Assert.Equal("secops@example.com", options.AlarmEmail);
        Assert.Equal(TestStacks.KeyArn, options.KmsKeyArn);
        Assert.Equal(["cvpn-endpoint-0123456789abcdef0"], options.EndpointIds);
        Assert.Equal(400, options.RetentionDays);
    }

    [Fact]
    public void Env_TakesWhatItsBlockDoesNotHoldFromTheRestOfTheContext_AndItsBlockWins()
    {
        var context = Production();
        context[ContextKeys.MaxConcurrency] = "8";
        context[ContextKeys.RetentionDays] = "30";

        var options = Parse(context);

        Assert.Equal(8, options.MaxConcurrency);
        Assert.Equal(400, options.RetentionDays);
    }

    [Fact]
    public void Env_SaysDeliberatelyNoneWithAWordPerSetting()
    {
        var options = Parse(Production(block =>
        {
            block[ContextKeys.AlarmEmail] = StackOptions.NoAlarmEmail;
            block[ContextKeys.KmsKeyArn] = StackOptions.AwsOwnedKey;
            block[ContextKeys.EndpointIds] = StackOptions.AllEndpoints;
        }));

        Assert.Null(options.AlarmEmail);
        Assert.Null(options.KmsKeyArn);
        Assert.Empty(options.EndpointIds);
    }

    [Theory]
    [InlineData(ContextKeys.AlarmEmail)]
    [InlineData(ContextKeys.KmsKeyArn)]
    [InlineData(ContextKeys.EndpointIds)]
    public void Env_WithoutARequiredSetting_IsRefusedNamingIt(string key)
    {
        var error = Assert.Throws<InvalidContextException>(() => Parse(Production(block => block.Remove(key))));

        Assert.Equal(key, error.Key);
        Assert.Contains("environment 'production' in cdk.json must set it", error.Message);
        Assert.Contains($"\"{DeploymentEnvironment.Required[key]}\" for none", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Env_WithAMisspelledSetting_IsRefusedNamingIt()
    {
        var error = Assert.Throws<InvalidContextException>(() => Parse(Production(block => block["alarmEmial"] = "x@example.com")));

        Assert.Equal("alarmEmial", error.Key);
    }

    [Fact]
    public void Env_ThatCdkJsonDoesNotDefine_IsRefusedNamingTheKnownOnes()
    {
        var context = Production();
        context[ContextKeys.Environment] = "prod";

        var error = Assert.Throws<InvalidContextException>(() => Parse(context));

        Assert.Equal(ContextKeys.Environment, error.Key);
        Assert.Contains("\"prod\"", error.Message);
        Assert.Contains("cdk.json defines production", error.Message);
    }

    [Fact]
    public void EveryEnvironmentCommittedInCdkJson_Synthesizes()
    {
        using var cdkJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "cdk.json")));
        var environments = cdkJson.RootElement.GetProperty("context").GetProperty(ContextKeys.Environments);

        Assert.NotEmpty(environments.EnumerateObject());
        foreach (var environment in environments.EnumerateObject())
        {
            var block = environment.Value.EnumerateObject().ToDictionary(
                setting => setting.Name,
                setting => setting.Value.ValueKind switch
                {
                    JsonValueKind.Number => (object)setting.Value.GetDouble(),
                    JsonValueKind.True or JsonValueKind.False => setting.Value.GetBoolean(),
                    _ => setting.Value.GetString()!,
                });
            var template = TestStacks.Synthesize(new Dictionary<string, object>
            {
                [ContextKeys.Environments] = new Dictionary<string, object> { [environment.Name] = block },
                [ContextKeys.Environment] = environment.Name,
            });

            template.ResourceCountIs("AWS::Lambda::Function", 2);
        }
    }
}
