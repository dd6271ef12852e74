namespace ClientVpnAudit.Cli.Output;

/// <summary>How sessions are printed or exported.</summary>
internal enum SessionFormat
{
    Table,
    Json,
    Csv,
}
