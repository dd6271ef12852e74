using Amazon.CDK;
using ClientVpnAudit.Infra;
using ClientVpnAudit.Infra.Configuration;

var app = new App();

StackOptions options;
try
{
    options = StackOptions.FromContext(app.Node);
}
catch (InvalidContextException error)
{
    Console.Error.WriteLine($"error: {error.Message}");
    return 1;
}

_ = new ClientVpnAuditStack(app, "ClientVpnAudit", new ClientVpnAuditStackProps
{
    Description = "ClientVpnAudit: archives AWS Client VPN connections into DynamoDB",
    Options = options,
    ArchiverCode = ArchiverPackage.FromPublishFolder(),
});

app.Synth();
return 0;
