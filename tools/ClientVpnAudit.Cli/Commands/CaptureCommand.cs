using System.CommandLine;
using System.Globalization;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Cli.Capture;
using ClientVpnAudit.Cli.Output;
using ClientVpnAudit.Cli.Store;
using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>
/// `capture --out DIR`: one poll of the EC2 API (real AWS or an explicit URL) saved as a snapshot file in the replay
/// format, named by its capture time so that a folder of captures replays in poll order. One target by default (the
/// client's region, and the account when --account names it), or several with --targets, each through its own client.
/// </summary>
internal static class CaptureCommand
{
    /// <summary>The file name of a capture, from its <see cref="Snapshot.CapturedAt"/>: 2026-03-02T091503Z.json.</summary>
    public const string FileNameFormat = "yyyy-MM-dd'T'HHmmss'Z'";

    public static Command Create(CliOutput io)
    {
        var folder = new Option<string>("--out")
        {
            Description = "Folder to write the snapshot into (created if missing); the file is named by the capture time, "
                + "e.g. 2026-03-02T091503Z.json, and an existing file is never overwritten",
            HelpName = "dir",
            Required = true,
        };
        var aws = new Option<bool>("--aws")
        {
            Description = "Capture from EC2 in real AWS (default credential chain and region)",
        };
        var ec2Url = new Option<string?>("--ec2-url")
        {
            Description = "Capture from this EC2 endpoint instead, e.g. the URL `cvpn-audit emulator` prints",
            HelpName = "url",
        };
        var endpointIds = new Option<string?>("--endpoint-ids")
        {
            Description = "Comma-separated cvpn-endpoint-... IDs to capture (default: every endpoint DescribeClientVpnEndpoints lists)",
            HelpName = "ids",
        };
        var account = new Option<string?>("--account")
        {
            Description = "The account the endpoints live in, written into the file as AccountId (default: none written; with --aws "
                + "it must be the credentials' account; with --ec2-url the access key id is this account, as the emulator expects)",
            HelpName = "id",
        };
        var region = new Option<string?>("--region")
        {
            Description = "The region to capture, written into the file as Region (default: the SDK's region with --aws; "
                + $"AWS_REGION or {ExplicitEndpointClients.DefaultRegion} with --ec2-url)",
            HelpName = "region",
        };
        var targets = new Option<string?>("--targets")
        {
            Description = "Capture several targets into one file, each with its own client: comma-separated ACCOUNT:REGION, "
                + "e.g. 111111111111:eu-west-1,111111111111:us-east-1 (with --aws, only the credentials' own account)",
            HelpName = "targets",
        };

        var command = new Command("capture", "Save what EC2 answers now (every endpoint and every page of its connections) as one "
            + "snapshot file that `replay` reads; run it every few minutes to collect polls of your own");
        command.Options.Add(folder);
        command.Options.Add(aws);
        command.Options.Add(ec2Url);
        command.Options.Add(endpointIds);
        command.Options.Add(account);
        command.Options.Add(region);
        command.Options.Add(targets);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var explicitEc2 = parsed.GetValue(ec2Url) is { } url ? ExplicitEndpointClients.ParseUrl(url, "--ec2-url") : null;
            var useAws = parsed.GetValue(aws);
            if (explicitEc2 is null == !useAws)
            {
                throw new CliInputException(useAws
                    ? "capture takes --aws or --ec2-url URL, not both"
                    : "capture needs --aws or --ec2-url URL (e.g. from `cvpn-audit emulator`)");
            }

            var ids = ReadEndpointIds(parsed.GetValue(endpointIds));
            var accountId = CaptureTargets.ReadAccount(parsed.GetValue(account));
            var regionName = CaptureTargets.ReadRegion(parsed.GetValue(region));
            var several = parsed.GetValue(targets) is { } value ? CaptureTargets.Parse(value) : null;
            if (several is not null && (accountId is not null || regionName is not null))
            {
                throw new CliInputException("--targets names the account and region of each target: leave out --account and --region");
            }

            if (several is not null && ids.Count > 0)
            {
                throw new CliInputException("--endpoint-ids names endpoints of one target: leave it out with --targets");
            }

            var directory = parsed.GetValue(folder)!;
            if (string.IsNullOrWhiteSpace(directory))
            {
                throw new CliInputException("--out: the folder name is empty");
            }

            if (File.Exists(directory))
            {
                throw new CliInputException($"--out: {directory} is a file, not a folder");
            }

            if (explicitEc2 is not null)
            {
                await Ec2Probe.CheckAsync(explicitEc2, cancellationToken);
            }
            else if (several is not null || accountId is not null)
            {
                var caller = await AwsAccountClients.CallerAccountAsync(cancellationToken);
                CaptureTargets.RefuseOtherAccounts(several?.Select(target => target.AccountId) ?? [accountId!], caller,
                    several is null ? "--account" : "--targets");
            }

            var capturedAt = CaptureTime.Normalize(DateTimeOffset.UtcNow);
            var path = Path.GetFullPath(Path.Combine(directory, capturedAt.ToString(FileNameFormat, CultureInfo.InvariantCulture) + ".json"));
            if (File.Exists(path))
            {
                throw AtomicFile.Exists(path);
            }

            var source = explicitEc2?.OriginalString ?? "AWS";
            SnapshotPoll poll;
            if (several is null)
            {
                using var ec2 = explicitEc2 is null ? AwsAccountClients.Ec2(region: regionName)
                    : accountId is not null ? ExplicitEndpointClients.Ec2(explicitEc2, new Target(accountId, regionName ?? ExplicitEndpointClients.Region()))
                    : ExplicitEndpointClients.Ec2(explicitEc2, region: regionName);
                var clientRegion = regionName ?? ec2.Config.AuthenticationRegion ?? ec2.Config.RegionEndpoint?.SystemName;
                io.Notice($"capturing the Client VPN endpoints and connections of {source}"
                    + (accountId is null ? "" : $" for account {accountId}") + (clientRegion is null ? "" : $" in {clientRegion}"));
                poll = SnapshotPoll.Of(await new Ec2Capture(ec2, io).TakeAsync(ids, capturedAt, path, accountId, clientRegion, cancellationToken));
            }
            else
            {
                io.Notice($"capturing the Client VPN endpoints and connections of {source} in {several.Count} targets: {string.Join(", ", several)}");
                var snapshots = new List<Snapshot>();
                foreach (var target in several)
                {
                    using var ec2 = explicitEc2 is null ? AwsAccountClients.Ec2(region: target.Region) : ExplicitEndpointClients.Ec2(explicitEc2, target);
                    var snapshot = await new Ec2Capture(ec2, io, target.ToString())
                        .TakeAsync([], capturedAt, path, target.AccountId, target.Region, cancellationToken);
                    io.Notice($"{target}: {Count(snapshot.Endpoints.Count, "endpoint")} and {Count(snapshot.Connections.Count, "connection")}");
                    snapshots.Add(snapshot);
                }

                poll = SnapshotLoader.FromTargets(snapshots, path);
            }

            CreateFolder(directory);
            await AtomicFile.WriteAsync(path, writer => writer.WriteAsync(SnapshotLoader.ToJson(poll)), cancellationToken, overwrite: false);
            await io.Out.WriteLineAsync($"Captured {Count(poll.Targets.Sum(target => target.Endpoints.Count), "endpoint")} and "
                + $"{Count(poll.Targets.Sum(target => target.Connections.Count), "connection")} into {path}");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Through the function's own reading of ENDPOINT_IDS, so capture accepts exactly the IDs `run` accepts.</summary>
    private static IReadOnlyList<string> ReadEndpointIds(string? value)
    {
        try
        {
            return ArchiverOptionsReader.Read(name => name switch
            {
                ArchiverSettingNames.EndpointIds => value,
                ArchiverSettingNames.TableName => "unused by capture",
                _ => null,
            }).EndpointIds;
        }
        catch (ArchiverConfigurationException exception)
        {
            throw new CliInputException(exception.Message.Replace(ArchiverSettingNames.EndpointIds, "--endpoint-ids", StringComparison.Ordinal), exception);
        }
    }

    private static void CreateFolder(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"--out: cannot create folder {directory}: {ErrorReport.OneLine(exception.Message)}", exception);
        }
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
