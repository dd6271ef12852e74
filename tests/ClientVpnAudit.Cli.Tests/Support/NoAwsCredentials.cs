namespace ClientVpnAudit.Cli.Tests.Support;

/// <summary>
/// The environment of a `cvpn-audit` process that must find no AWS credentials anywhere: no variables, no profile, no
/// config or credentials files (they point into the given folder, where none exist), no instance metadata.
/// </summary>
internal static class NoAwsCredentials
{
    /// <param name="region">The region to leave set; null leaves none at all.</param>
    public static Dictionary<string, string?> Environment(TemporaryFolder folder, string? region) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = null,
        ["AWS_SECRET_ACCESS_KEY"] = null,
        ["AWS_SESSION_TOKEN"] = null,
        ["AWS_PROFILE"] = null,
        ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = null,
        ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = null,
        ["AWS_WEB_IDENTITY_TOKEN_FILE"] = null,
        ["AWS_CONFIG_FILE"] = folder.File("no-config"),
        ["AWS_SHARED_CREDENTIALS_FILE"] = folder.File("no-credentials"),
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_REGION"] = region,
        ["AWS_DEFAULT_REGION"] = null,
    };
}
