using Amazon.CDK;
using Amazon.CDK.Assertions;
using Amazon.CDK.AWS.Lambda;
using ClientVpnAudit.Infra.Configuration;

namespace ClientVpnAudit.Infra.Tests;

/// <summary>Builds the app the way Program.cs does, from an App's context, with a placeholder function package.</summary>
internal static class TestStacks
{
    public const string KeyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    public static ClientVpnAuditStack Create(IDictionary<string, object>? context = null) => CreateApp(context).Central;

    /// <summary>Every stack the app defines for this context, as Program.cs builds them.</summary>
    public static AppStacks CreateApp(IDictionary<string, object>? context = null)
    {
        var app = new App(new AppProps { Context = context ?? new Dictionary<string, object>() });
        return ClientVpnAuditApp.AddStacks(app, PlaceholderCode());
    }

    /// <summary>The central stack deployed to an explicit env, so its own account is known at synth.</summary>
    public static ClientVpnAuditStack CreateInAccount(string accountId, IDictionary<string, object> context)
    {
        var app = new App(new AppProps { Context = context });
        return new ClientVpnAuditStack(app, CentralStackNames.StackName, new ClientVpnAuditStackProps
        {
            Env = new Amazon.CDK.Environment { Account = accountId, Region = "eu-west-1" },
            Options = StackOptions.FromContext(app.Node),
            ArchiverCode = PlaceholderCode(),
        });
    }

    public static Template Synthesize(IDictionary<string, object>? context = null) => Template.FromStack(Create(context));

    /// <summary>The member stack's template for this context (which must ask for it).</summary>
    public static Template SynthesizeMember(IDictionary<string, object> context) =>
        Template.FromStack(CreateApp(context).Member ?? throw new InvalidOperationException("the context does not ask for the member stack"));

    /// <summary>
    /// A folder with one file, as an asset: the dotnet10 runtime does not accept inline code, and the tests must not
    /// depend on a publish.
    /// </summary>
    public static Code PlaceholderCode()
    {
        var folder = Path.Combine(JsiiTestEnvironment.TempRoot, "placeholder-archiver");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "placeholder.txt"), "placeholder");
        return Code.FromAsset(folder);
    }
}
