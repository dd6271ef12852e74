namespace ClientVpnAudit.Archiver;

/// <summary>The Lambda entry point (handler: ClientVpnAudit.Archiver::ClientVpnAudit.Archiver.Function::HandleAsync).</summary>
public sealed class Function
{
    /// <summary>The handler string the stack configures; it must match this type and method.</summary>
    public const string Handler = "ClientVpnAudit.Archiver::ClientVpnAudit.Archiver.Function::HandleAsync";

    public Task<Stream> HandleAsync(Stream input) => throw new NotImplementedException();
}
