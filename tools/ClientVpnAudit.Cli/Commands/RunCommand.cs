using System.CommandLine;
using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Cli.Output;
using ClientVpnAudit.Cli.Store;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>`run`: one archiver run, as the scheduled function does it, against real AWS or explicit endpoints.</summary>
internal static class RunCommand
{
    public static Command Create(CliOutput io)
    {
        var ec2Url = new Option<string?>("--ec2-url")
        {
            Description = "EC2 endpoint to poll, e.g. the URL `cvpn-audit emulator` prints (default with --aws: EC2 in your region)",
            HelpName = "url",
        };
        var store = new StoreOptions();
        var settings = new ArchiverSettingOptions();

        var command = new Command("run", "Run the archiver once against real AWS (--aws) or explicit endpoints (--ec2-url, --dynamodb-url); "
            + "exit code 1 if an endpoint failed");
        command.Options.Add(ec2Url);
        store.AddTo(command);
        settings.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var explicitEc2 = parsed.GetValue(ec2Url) is { } url ? ExplicitEndpointClients.ParseUrl(url, "--ec2-url") : null;
            if (explicitEc2 is null && !parsed.GetValue(store.Aws))
            {
                throw new CliInputException("run needs --ec2-url URL (e.g. from `cvpn-audit emulator`) or --aws");
            }

            var selection = store.Read(parsed);
            var options = settings.Read(parsed, selection.TableName, selection.EndpointTableName);
            var log = parsed.GetValue(settings.Verbose) ? new JsonLog(io.Error) : JsonLog.Discard;
            if (explicitEc2 is not null)
            {
                await Ec2Probe.CheckAsync(explicitEc2, cancellationToken);
            }

            await using var opened = await StoreOpener.OpenAsync(selection, createTable: true, io, cancellationToken);
            using var ec2 = explicitEc2 is null ? AwsAccountClients.Ec2() : ExplicitEndpointClients.Ec2(explicitEc2);
            var source = explicitEc2?.OriginalString ?? "AWS";
            io.Notice($"archiving the Client VPN connections of {source} into {selection.Describe()}");

            var summary = await new ArchiverPipeline(ec2, opened.DynamoDb, options, log).RunAsync(cancellationToken);
            io.Notice(RunSummaryTableView.ProgressText(summary));
            RunSummaryTableView.Write(io.OutConsole, [(source, summary)], "Archiver run");
            return summary.Succeeded ? ExitCodes.Success : ExitCodes.RunFailed;
        });
        return command;
    }
}
