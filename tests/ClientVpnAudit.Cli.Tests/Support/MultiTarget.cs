using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Cli.Tests.Support;

/// <summary>The multi-target sample (events/multi-target): two polls of two accounts in two regions, and the names in it.</summary>
internal static class MultiTarget
{
    public static string Polls => Path.Combine(RepositoryPaths.Events, "multi-target");

    public const string AccountA = "111111111111";
    public const string AccountB = "222222222222";
    public const string Eu = "eu-west-1";
    public const string Us = "us-east-1";

    public const string CorporateEu = "cvpn-endpoint-0a1e000000000e101";
    public const string CorporateUs = "cvpn-endpoint-0a1e000000000d101";
    public const string PartnerEu = "cvpn-endpoint-0b2e000000000e201";
    public const string LabEu = "cvpn-endpoint-0b2e000000000e202";
    public const string PartnerUs = "cvpn-endpoint-0b2e000000000d201";

    public const string Alice = "cvpn-connection-0a1a11ce00000e101";
    public const string Bob = "cvpn-connection-0a1b0b0000000e102";
    public const string Carol = "cvpn-connection-0a1ca201000000d11";
    public const string Dave = "cvpn-connection-0b2da0e000000e201";
    public const string LabBastion = "cvpn-connection-0b2ba5e100000e22";
    public const string Frank = "cvpn-connection-0b2f2a0c000000d21";
    public const string Grace = "cvpn-connection-0b26ace0000000d22";
}
