using System.CommandLine;
using System.CommandLine.Invocation;
using ClientVpnAudit.Cli.Commands;
using ClientVpnAudit.Cli.Output;

namespace ClientVpnAudit.Cli;

/// <summary>The whole command line: parse, run one command, turn every failure into one line and an exit code.</summary>
public static class CliApp
{
    public const string Name = "cvpn-audit";

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, TimeProvider.System, cancellationToken);

    /// <param name="clock">"Now" for the commands about the live system (doctor's freshness): the machine's clock, but for tests.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider clock,
        CancellationToken cancellationToken = default)
    {
        var io = new CliOutput(output, error);
        var parsed = BuildRootCommand(io, clock).Parse(args);
        if (parsed.Action is ParseErrorAction)
        {
            // An unknown word explains more than the "Required command was not provided" it also causes.
            var culprit = parsed.Errors
                .OrderBy(error => error.Message.StartsWith("Unrecognized", StringComparison.Ordinal) ? 0 : 1)
                .Select(error => error.Message)
                .FirstOrDefault() ?? "invalid command line";
            io.Fail($"{ErrorReport.OneLine(culprit)} (see {Name} --help)");
            return ExitCodes.BadInput;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
                // Program owns Ctrl-C: it cancels the token given here.
                ProcessTerminationTimeout = null,
            }, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            io.Fail("cancelled (whatever was archived before stays archived)");
            return ExitCodes.Cancelled;
        }
        catch (Exception exception)
        {
            var report = ErrorReport.For(exception);
            io.Fail(report.Message);
            return report.ExitCode;
        }
    }

    private static RootCommand BuildRootCommand(CliOutput io, TimeProvider clock) => new(
        "Runs the ClientVpnAudit archiver locally on sample snapshots or against AWS, and queries and exports the archived "
        + "Client VPN sessions. Without a store option the archive is a local DynamoDB (dynalite) kept in --data-dir.")
    {
        ReplayCommand.Create(io),
        RunCommand.Create(io),
        CaptureCommand.Create(io),
        SessionsCommand.Create(io),
        EndpointsCommand.Create(io),
        ExportCommand.Create(io),
        BackfillCommand.Create(io),
        EmulatorCommand.Create(io),
        DynamoDbCommand.Create(io),
        DoctorCommand.Create(io, clock),
    };
}
