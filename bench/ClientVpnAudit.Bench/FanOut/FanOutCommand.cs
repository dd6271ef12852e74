using System.Text.Json;
using ClientVpnAudit.Archiver.Configuration;
using ClientVpnAudit.Archiver.Pipeline;
using ClientVpnAudit.Archiver.Reporting;
using ClientVpnAudit.Archiver.Sessions;
using ClientVpnAudit.Archiver.Work;
using ClientVpnAudit.Bench.Aws;
using ClientVpnAudit.Bench.Polls;
using ClientVpnAudit.Bench.Scenarios;

namespace ClientVpnAudit.Bench.FanOut;

/// <summary>
/// The hidden subcommands of the fan-out, each one Lambda invocation in a process of its own, warmed up first on the
/// warm-up world as <see cref="PollCommand"/> does:
/// <list type="bullet">
/// <item><c>fanout-planner</c>: the planner alone into a <see cref="LatentWorkQueue"/>; writes one message body per
/// line to <c>--work-file</c>.</item>
/// <item><c>fanout-worker</c>: one worker invocation for the message body <c>--message</c>. After its warm-up it prints
/// <see cref="Ready"/> and waits for a line on its input, so that the harness starts every measured worker at once.</item>
/// </list>
/// Each prints one <see cref="PollResult"/> as JSON.
/// </summary>
internal static class FanOutCommand
{
    public const string Planner = "fanout-planner";
    public const string Worker = "fanout-worker";
    public const string Ready = "ready";

    public static async Task<int> RunAsync(string command, IReadOnlyList<string> args)
    {
        var arguments = PollArguments.Parse(args);
        var values = CommandLine.Pairs(args);
        var result = command == Planner
            ? await PlanAsync(arguments, CommandLine.Required(values, "--work-file"),
                TimeSpan.FromMilliseconds(CommandLine.Double(values, "--sqs-latency-ms", FanOutOptions.DefaultSqsLatency.TotalMilliseconds)))
            : await WorkAsync(arguments, CommandLine.Required(values, "--message"));
        Console.Out.WriteLine(JsonSerializer.Serialize(result with { Poller = command }, PollResult.Json));
        return 0;
    }

    private static async Task<PollResult> PlanAsync(PollArguments arguments, string workFile, TimeSpan sqsLatency)
    {
        using (var warm = WarmClients(arguments))
        {
            await new PlanningPipeline(_ => warm.Ec2, warm.DynamoDb, Options(arguments, arguments.WarmupTable!, []), new LatentWorkQueue(TimeSpan.Zero),
                Log()).RunAsync();
        }

        var queue = new LatentWorkQueue(sqsLatency);
        var result = await PollCommand.MeasureAsync(arguments, async (clients, context) =>
        {
            var summary = await new PlanningPipeline(clients.Ec2For, clients.DynamoDb, Options(arguments, arguments.Table, arguments.Targets), queue, Log(), context)
                .RunAsync();
            return PollCommand.Counts(summary);
        });
        await File.WriteAllLinesAsync(workFile, queue.Work.Select(WorkMessages.Serialize));
        return result;
    }

    private static async Task<PollResult> WorkAsync(PollArguments arguments, string message)
    {
        using (var warm = WarmClients(arguments))
        {
            var work = new EndpointWork(Target.Local.AccountId, Target.Local.Region, WarmupSnapshot.EndpointId, "available", "warm-up", PlannedAt: null);
            await new WorkerPipeline(_ => warm.Ec2, warm.DynamoDb, Options(arguments, arguments.WarmupTable!, []), Log())
                .RunAsync([new QueuedWork("warm-up", WorkMessages.Serialize(work))]);
        }

        Console.Out.WriteLine(Ready);
        Console.Out.Flush();
        _ = Console.In.ReadLine();
        return await PollCommand.MeasureAsync(arguments, async (clients, context) =>
        {
            var run = await new WorkerPipeline(clients.Ec2For, clients.DynamoDb, Options(arguments, arguments.Table, arguments.Targets), Log(), context)
                .RunAsync([new QueuedWork("work-1", message)]);
            return PollCommand.Counts(run.Summary);
        });
    }

    private static BenchClients WarmClients(PollArguments arguments) =>
        new(arguments.WarmupEc2Url ?? throw new ArgumentException("--warmup-ec2-url is required"), arguments.DynamoDbUrl, Latency.None);

    private static ArchiverOptions Options(PollArguments arguments, string table, IReadOnlyList<Target> targets) => new()
    {
        TableName = table,
        Targets = targets,
        TimeBudget = TimeSpan.FromSeconds(arguments.TimeBudgetSeconds),
    };

    private static JsonLog Log() => new(Console.Error);
}
