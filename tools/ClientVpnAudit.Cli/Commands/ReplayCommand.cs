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
/// `replay DIR`: each snapshot file is one poll, of one target or of several. The emulator serves it and the archiver
/// pipeline (the code that runs in Lambda) runs once per target against it, with an EC2 client for that target (access
/// key id = the account, signing region = the region) and the target's account and region as the archiver's.
/// Replays are deterministic: every time written comes from the snapshots (their CapturedAt and Timestamps, see
/// <see cref="ReplayedPollContext"/>), never from this machine's clock.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliOutput io)
    {
        var directory = new Argument<string>("dir")
        {
            Description = "Folder of snapshots: every *.json file (aws ec2 describe-client-vpn-connections output, optionally "
                + "with a ClientVpnEndpoints array, or a Targets array of several accounts and regions) is one poll, in "
                + "ordinal order of file name",
        };
        var store = new StoreOptions();
        var settings = new ArchiverSettingOptions();

        var command = new Command("replay", "Replay a folder of snapshots through the archiver, one run per file and target, and print "
            + "the run summaries and the archived sessions (all files are checked first; exit code 1 if a run fails, earlier polls stay archived)");
        command.Arguments.Add(directory);
        store.AddTo(command);
        settings.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var polls = PollDirectory.Load(parsed.GetValue(directory)!);
            var selection = store.Read(parsed);
            var options = settings.Read(parsed, selection.TableName, selection.EndpointTableName);
            var planned = polls.SelectMany(poll => ReplayedTarget.Of(poll, options.Target)).ToList();
            var log = parsed.GetValue(settings.Verbose) ? new JsonLog(io.Error) : JsonLog.Discard;

            var targetCount = planned.Select(run => run.Target).Distinct().Count();
            if (targetCount > 1 && options.EndpointIds.Count > 0)
            {
                throw new CliInputException($"--endpoint-ids names endpoints of one target: leave it out of a replay of {targetCount} targets");
            }

            await using var opened = await StoreOpener.OpenAsync(selection, createTable: true, io, cancellationToken);
            await using var emulator = await Ec2Emulator.StartAsync(polls[0].Snapshots, cancellationToken: cancellationToken);
            io.Notice($"replaying {Count(polls.Count, "poll")}"
                + (targetCount == 1 ? "" : $" of {targetCount} targets ({Count(planned.Count, "archiver run")})")
                + $" into {selection.Describe()}");
            var runs = new List<(string Poll, RunSummary Summary)>();
            foreach (var run in planned)
            {
                if (!ReferenceEquals(emulator.Poll, run.Poll.Snapshots))
                {
                    emulator.Serve(run.Poll.Snapshots);
                }

                using var ec2 = ExplicitEndpointClients.Ec2(emulator.Url, run.Target);
                var context = ReplayedPollContext.For(run.Poll.Snapshots, run.Snapshot);
                var summary = await new ArchiverPipeline(ec2, opened.DynamoDb, options with { Target = run.Target }, log, context)
                    .RunAsync(cancellationToken);
                runs.Add((run.Name, summary));
                io.ErrorConsole.MarkupLine(Markup.Escape($"[{runs.Count,3}/{planned.Count}] {run.Name}  {RunSummaryTableView.ProgressText(summary)}"));
                if (!summary.Succeeded)
                {
                    io.Notice($"stopped at {run.Name}: its run failed; what the runs before it and its other endpoints archived stays archived");
                    break;
                }
            }

            RunSummaryTableView.Write(io.OutConsole, runs, "Archiver runs");
            var endpoints = planned.SelectMany(run => run.Snapshot.Endpoints.Select(endpoint => endpoint.ClientVpnEndpointId))
                .Concat(options.EndpointIds)
                .Distinct(StringComparer.Ordinal);
            var sessions = await new ArchiveReader(opened.DynamoDb, opened.TableName).ReadEndpointsAsync(endpoints, cancellationToken);
            SessionTableView.Write(io.OutConsole, sessions, $"Archived sessions of the replayed endpoints ({selection.Describe()})");
            return runs.All(run => run.Summary.Succeeded) ? ExitCodes.Success : ExitCodes.RunFailed;
        });
        return command;
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
