using System.CommandLine;
using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Cli.Output;
using ClientVpnAudit.Cli.Queries;
using ClientVpnAudit.Cli.Replay;
using ClientVpnAudit.Cli.Store;
using ClientVpnAudit.Emulator;
using Spectre.Console;

namespace ClientVpnAudit.Cli.Commands;

/// <summary>
/// `replay DIR`: each snapshot file is one poll. The emulator serves it and the archiver pipeline (the code that runs in
/// Lambda) runs once against it. Replays are deterministic: every time written comes from the snapshots (their
/// CapturedAt and Timestamps, see <see cref="ReplayedPollContext"/>), never from this machine's clock.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliOutput io)
    {
        var directory = new Argument<string>("dir")
        {
            Description = "Folder of snapshots: every *.json file (aws ec2 describe-client-vpn-connections output, optionally "
                + "with a ClientVpnEndpoints array) is one poll, in ordinal order of file name",
        };
        var store = new StoreOptions();
        var settings = new ArchiverSettingOptions();

        var command = new Command("replay", "Replay a folder of snapshots through the archiver, one poll per file, and print the run "
            + "summaries and the archived sessions (all files are checked first; exit code 1 if a run fails, earlier polls stay archived)");
        command.Arguments.Add(directory);
        store.AddTo(command);
        settings.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var polls = PollDirectory.Load(parsed.GetValue(directory)!);
            var selection = store.Read(parsed);
            var options = settings.Read(parsed, selection.TableName, selection.EndpointTableName);
            var targets = polls.Select(poll => ReplayedTarget.Of(poll, options.Target)).ToList();
            var log = parsed.GetValue(settings.Verbose) ? new JsonLog(io.Error) : JsonLog.Discard;

            await using var opened = await StoreOpener.OpenAsync(selection, createTable: true, io, cancellationToken);
            await using var emulator = await Ec2Emulator.StartAsync(polls[0].Snapshot, cancellationToken: cancellationToken);
            using var ec2 = ExplicitEndpointClients.Ec2(emulator.Url);
            io.Notice($"replaying {polls.Count} poll{(polls.Count == 1 ? "" : "s")} into {selection.Describe()}");

            var runs = new List<(string Poll, RunSummary Summary)>();
            foreach (var (poll, target) in polls.Zip(targets))
            {
                emulator.Serve(poll.Snapshot);
                var summary = await new ArchiverPipeline(ec2, opened.DynamoDb, options with { Target = target }, log,
                    ReplayedPollContext.For(poll.Snapshot)).RunAsync(cancellationToken);
                runs.Add((poll.Name, summary));
                io.ErrorConsole.MarkupLine(Markup.Escape($"[{runs.Count,3}/{polls.Count}] {poll.Name}  {RunSummaryTableView.ProgressText(summary)}"));
                if (!summary.Succeeded)
                {
                    io.Notice($"stopped at {poll.Name}: its run failed; what the polls before it and its other endpoints archived stays archived");
                    break;
                }
            }

            RunSummaryTableView.Write(io.OutConsole, runs, "Archiver runs");
            var endpoints = polls.SelectMany(poll => poll.Snapshot.Endpoints.Select(endpoint => endpoint.ClientVpnEndpointId))
                .Concat(options.EndpointIds)
                .Distinct(StringComparer.Ordinal);
            var sessions = await new ArchiveReader(opened.DynamoDb, opened.TableName).ReadEndpointsAsync(endpoints, cancellationToken);
            SessionTableView.Write(io.OutConsole, sessions, $"Archived sessions of the replayed endpoints ({selection.Describe()})");
            return runs.All(run => run.Summary.Succeeded) ? ExitCodes.Success : ExitCodes.RunFailed;
        });
        return command;
    }
}
