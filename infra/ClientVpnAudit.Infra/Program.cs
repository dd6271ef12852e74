using Amazon.CDK;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Infra;
using ClientVpnAudit.Infra.Configuration;

using var scratch = JsiiScratchFolder.Create();
var app = new App();

try
{
    // The central stack, and the member stack when -c centralAccountId is given (see ClientVpnAuditApp).
    _ = ClientVpnAuditApp.AddStacks(app, ArchiverPackage.FromPublishFolder());
}
catch (Exception error) when (error is InvalidContextException or ArchiverConfigurationException or FileNotFoundException)
{
    // A configuration mistake, not a bug: one line, no stack trace.
    Console.Error.WriteLine($"error: {error.Message}");
    return 1;
}

app.Synth();
return 0;
