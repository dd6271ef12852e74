using Amazon.CDK.AWS.Lambda;

namespace ClientVpnAudit.Infra;

/// <summary>
/// The archiver's deployment package: the folder that cdk.json's "build" step publishes to before every synth, so a
/// deployment never ships stale code.
/// </summary>
public static class ArchiverPackage
{
    /// <summary>Relative to the repository root, where cdk.json runs the app.</summary>
    public const string PublishFolder = "infra/ClientVpnAudit.Infra/bin/archiver-publish";

    public static Code FromPublishFolder(string folder = PublishFolder)
    {
        var assembly = Path.Combine(folder, "ClientVpnAudit.Archiver.dll");
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException(
                $"The archiver is not published: {Path.GetFullPath(assembly)} is missing. Run `npx cdk synth` or " +
                "`npx cdk deploy` from the repository root (cdk.json publishes it first), or publish it yourself: " +
                $"dotnet publish functions/ClientVpnAudit.Archiver -c Release -r linux-arm64 --self-contained false -o {folder}",
                assembly);
        }

        return Code.FromAsset(folder);
    }
}
