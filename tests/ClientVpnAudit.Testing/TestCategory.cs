namespace ClientVpnAudit.Testing;

/// <summary>
/// The test tiers. Tests that need a server (the local DynamoDB, the EC2 emulator) or Node (dynalite, the CDK) are
/// marked <c>[Trait(TestCategory.Name, TestCategory.Integration)]</c>, so that
/// <c>dotnet test --filter "Category!=Integration"</c> runs the pure ones in seconds.
/// </summary>
public static class TestCategory
{
    public const string Name = "Category";
    public const string Integration = nameof(Integration);
}
