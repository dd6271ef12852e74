using ClientVpnAudit.Bench;
using ClientVpnAudit.Bench.FanOut;
using ClientVpnAudit.Bench.Polls;
using ClientVpnAudit.Bench.Queries;
using ClientVpnAudit.Bench.Results;
using ClientVpnAudit.LocalDynamoDb;

// bench [--quick] [options]       run the benchmark, write bench/results/<latest|quick>.{md,json}
// bench archiver-poll|naive-poll  (internal) one measured poll in a process of its own
// bench fanout-planner|fanout-worker  (internal) one measured planner or worker invocation in a process of its own
try
{
    if (args.Length > 0 && args[0] is PollCommand.Archiver or PollCommand.Naive)
    {
        return await PollCommand.RunAsync(args[0], PollArguments.Parse(args[1..]));
    }

    if (args.Length > 0 && args[0] is FanOutCommand.Planner or FanOutCommand.Worker)
    {
        return await FanOutCommand.RunAsync(args[0], args[1..]);
    }

    var options = BenchOptions.Parse(args);
    var results = Path.Combine(RepositoryRoot.Find(), "bench", "results");
    Directory.CreateDirectory(results);
    using var interrupt = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        interrupt.Cancel();
    };

    var scenarios = await new BenchRunner(options, results).RunAsync(interrupt.Token);
    var fanOut = await new FanOutRunner(options, results).RunAsync(interrupt.Token);
    var queries = options.Queries is { } history
        ? await new QueryBenchRunner(history, options.Latency, Path.Combine(results, "tmp")).RunAsync(interrupt.Token)
        : null;
    var machine = Machine.Current();
    var json = Path.Combine(results, options.OutputName + ".json");
    var markdown = Path.Combine(results, options.OutputName + ".md");
    JsonResultWriter.Write(json, scenarios, queries, options, machine, fanOut);
    MarkdownResultWriter.Write(markdown, scenarios, queries, options, machine, fanOut);
    Console.Error.WriteLine($"wrote {markdown} and {json}");

    var wrong = scenarios.Where(scenario => !scenario.Correct).Select(scenario => scenario.Spec.Name).ToList();
    if (fanOut is { Correct: false })
    {
        wrong.Add($"fan-out {fanOut.Spec.Name}");
    }

    if (wrong.Count > 0)
    {
        Console.Error.WriteLine($"FAILED: the archive of {string.Join(", ", wrong)} is not what the scenario implies (see above)");
        return 1;
    }

    if (queries is { Correct: false })
    {
        Console.Error.WriteLine($"FAILED: the index plan and the Scan disagree: {string.Join(" | ", queries.Mismatches)}");
        return 1;
    }

    return 0;
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine($"bench: {exception.Message}");
    return 2;
}
