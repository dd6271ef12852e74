using Spectre.Console;

namespace ClientVpnAudit.Cli.Output;

/// <summary>
/// Where a command writes: results (tables, JSON, CSV) to <see cref="Out"/>; progress, notices and errors to
/// <see cref="Error"/>, so results can be piped.
/// </summary>
internal sealed class CliOutput(TextWriter output, TextWriter error)
{
    private IAnsiConsole? _outConsole;
    private IAnsiConsole? _errorConsole;

    public TextWriter Out => output;

    public TextWriter Error => error;

    /// <summary>Spectre.Console over <see cref="Out"/>, for tables.</summary>
    public IAnsiConsole OutConsole => _outConsole ??= ConsoleFactory.For(output);

    /// <summary>Spectre.Console over <see cref="Error"/>, for progress lines.</summary>
    public IAnsiConsole ErrorConsole => _errorConsole ??= ConsoleFactory.For(error);

    public void Notice(string message)
    {
        error.WriteLine($"{CliApp.Name}: {message}");
        error.Flush();
    }

    public void Fail(string message)
    {
        error.WriteLine($"{CliApp.Name}: error: {message}");
        error.Flush();
    }
}
