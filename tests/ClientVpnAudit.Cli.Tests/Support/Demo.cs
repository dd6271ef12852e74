using ClientVpnAudit.Testing;

namespace ClientVpnAudit.Cli.Tests.Support;

/// <summary>The demo sequence (events/snapshots) and the names in it that tests refer to.</summary>
internal static class Demo
{
    public static string Snapshots => Path.Combine(RepositoryPaths.Events, "snapshots");

    public static string ExpectedSessions => Path.Combine(RepositoryPaths.Root, "tests", "ClientVpnAudit.Cli.Tests", "Expected", "demo-sessions.json");

    public const int PollCount = 17;

    public const string CorporateEndpoint = "cvpn-endpoint-0c1f4a7d2e9b35601";
    public const string EngineeringEndpoint = "cvpn-endpoint-0e8b2d6f1a4c79302";
    public const string ContractorEndpoint = "cvpn-endpoint-07d5a9c3e1f2b6803";
    public const string LabEndpoint = "cvpn-endpoint-0a2b3c4d5e6f70904";

    public const string Alice = "cvpn-connection-0a17c3e5b9d2f4601";
    public const string BobMorning = "cvpn-connection-0b28d4f6cae3a5702";
    public const string Carol = "cvpn-connection-0c39e5a7dbf4b6803";
    public const string BobLater = "cvpn-connection-0d4af6b8ec05c7904";
    public const string Dave = "cvpn-connection-0e5b07c9fd16d8a05";
    public const string CiRunner = "cvpn-connection-0f6c18dafe27e9b06";
    public const string JsmithLaptop = "cvpn-connection-107d29ebaf38fac07";
    public const string MkowalskiLaptop = "cvpn-connection-118e3afcb049abd08";
    public const string Erin = "cvpn-connection-129f4b0dc15abce09";
    public const string Frank = "cvpn-connection-13a05c1ed26bcdf0a";
    public const string Grace = "cvpn-connection-14b16d2fe37cde01b";
    public const string Heidi = "cvpn-connection-0e3f5a7b9c1d2e60c";
    public const string LabBastion = "cvpn-connection-0f4a6b8c0d2e3f70d";

    /// <summary>Copies the first <paramref name="count"/> polls of the demo into a folder.</summary>
    public static void CopyPolls(string folder, int count)
    {
        foreach (var file in Directory.GetFiles(Snapshots, "*.json").Order(StringComparer.Ordinal).Take(count))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }
    }
}
