using Amazon.CDK;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Infra;
using ClientVpnAudit.Infra.Configuration;

using var scratch = JsiiScratchFolder.Create();
var app = new App();

try
{
    _ = new ClientVpnAuditStack(app, "ClientVpnAudit", new ClientVpnAuditStackProps
    {
        Description = "ClientVpnAudit: archives AWS Client VPN connections into DynamoDB",
        Options = StackOptions.FromContext(app.Node),
        ArchiverCode = ArchiverPackage.FromPublishFolder(),
    });
}
catch (Exception error) when (error is InvalidContextException or ArchiverConfigurationException or FileNotFoundException)
{
    // A configuration mistake, not a bug: one line, no stack trace.
    Console.Error.WriteLine($"error: {error.Message}");
    return 1;
}

app.Synth();
return 0;
