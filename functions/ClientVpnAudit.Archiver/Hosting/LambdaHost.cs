using Amazon;
using Amazon.EC2;
using Amazon.SecurityToken;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Targets;

namespace ClientVpnAudit.Archiver.Hosting;

/// <summary>What the two Lambda handlers build the same way when the runtime creates them.</summary>
internal static class LambdaHost
{
    /// <summary>The function's name, the dimension of its metrics; "local" outside Lambda.</summary>
    public static string FunctionName => System.Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") ?? "local";

    /// <summary>
    /// Logs to the process's own stdout, not Console.Out: under the JSON log format the Lambda runtime replaces
    /// Console.Out with a writer that wraps each line in its own JSON envelope, which would hide the EMF metric lines from
    /// CloudWatch.
    /// </summary>
    public static JsonLog Log() => new(new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true });

    /// <summary>
    /// An EC2 client per target: the function's own account with its own credentials, another through its member role.
    /// </summary>
    public static TargetClients TargetClients(ArchiverOptions options) =>
        new(options.Target, options.MemberRoleName, new AmazonSecurityTokenServiceClient(), (target, credentials) =>
            credentials is null
                ? new AmazonEC2Client(RegionEndpoint.GetBySystemName(target.Region))
                : new AmazonEC2Client(credentials, RegionEndpoint.GetBySystemName(target.Region)));
}
