namespace ClientVpnAudit.Infra.Tests;

public sealed class ArchiverPackageTests
{
    [Fact]
    public void MissingPublishFolder_IsReportedWithTheCommandThatFixesIt()
    {
        var folder = Path.Combine(JsiiTestEnvironment.TempRoot, "not-published");

        var error = Assert.Throws<FileNotFoundException>(() => ArchiverPackage.FromPublishFolder(folder));

        Assert.Contains("dotnet publish functions/ClientVpnAudit.Archiver -c Release -r linux-arm64 --self-contained false", error.Message);
    }

    [Fact]
    public void PublishedFolder_BecomesTheFunctionsAsset()
    {
        var folder = Path.Combine(JsiiTestEnvironment.TempRoot, "published");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "ClientVpnAudit.Archiver.dll"), "not really an assembly");

        Assert.NotNull(ArchiverPackage.FromPublishFolder(folder));
    }
}
