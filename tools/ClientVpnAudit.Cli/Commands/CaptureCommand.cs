using System.CommandLine;
using System.Globalization;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Cli.Capture;
using ClientVpnAudit.Cli.Output;
using ClientVpnAudit.Cli.Store;
using ClientVpnAudit.Emulator;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>
/// `capture --out DIR`: one poll of the EC2 API (real AWS or an explicit URL) saved as a snapshot file in the replay
/// format, named by its capture time so that a folder of captures replays in poll order.
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

        var command = new Command("capture", "Save what EC2 answers now (every endpoint and every page of its connections) as one "
            + "snapshot file that `replay` reads; run it every few minutes to collect polls of your own");
        command.Options.Add(folder);
        command.Options.Add(aws);
        command.Options.Add(ec2Url);
        command.Options.Add(endpointIds);
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

            var capturedAt = CaptureTime.Normalize(DateTimeOffset.UtcNow);
            var path = Path.GetFullPath(Path.Combine(directory, capturedAt.ToString(FileNameFormat, CultureInfo.InvariantCulture) + ".json"));
            if (File.Exists(path))
            {
                throw AtomicFile.Exists(path);
            }

            using var ec2 = explicitEc2 is null ? AwsAccountClients.Ec2() : ExplicitEndpointClients.Ec2(explicitEc2);
            io.Notice($"capturing the Client VPN endpoints and connections of {explicitEc2?.OriginalString ?? "AWS"}");
            var snapshot = await new Ec2Capture(ec2, io).TakeAsync(ids, capturedAt, path, cancellationToken);

            CreateFolder(directory);
            await AtomicFile.WriteAsync(path, writer => writer.WriteAsync(SnapshotLoader.ToJson(snapshot)), cancellationToken, overwrite: false);
            await io.Out.WriteLineAsync($"Captured {Count(snapshot.Endpoints.Count, "endpoint")} and "
                + $"{Count(snapshot.Connections.Count, "connection")} into {path}");
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
