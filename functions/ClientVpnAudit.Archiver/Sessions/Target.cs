namespace ClientVpnAudit.Archiver.Sessions;

/// <summary>
/// Where a Client VPN endpoint lives: an AWS account and region. Every session record carries its target, so one
/// archive can hold an organisation's accounts and regions.
/// </summary>
public sealed record Target(string AccountId, string Region)
{
    /// <summary>What a local run or replay archives under when nothing names the account and region.</summary>
    public static Target Local { get; } = new("000000000000", "us-east-1");

    public override string ToString() => $"{AccountId}:{Region}";
}
