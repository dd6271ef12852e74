using Spectre.Console;

namespace ClientVpnAudit.Cli.Output;

/// <summary>Spectre.Console over any writer: colours on a terminal, plain text (and wide tables) in a pipe, file or test.</summary>
internal static class ConsoleFactory
{
    /// <summary>Wide enough that a sessions table is not wrapped when it goes to a file or a pipe.</summary>
    private const int RedirectedWidth = 240;

    public static IAnsiConsole For(TextWriter writer)
    {
        var terminal = IsTerminal(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    private static bool IsTerminal(TextWriter writer) =>
        (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
        || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);
}
