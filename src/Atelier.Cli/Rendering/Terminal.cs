using Spectre.Console;

namespace Atelier.Cli.Rendering;

/// <summary>A Spectre console over one of the command's writers: styled on a terminal, plain text otherwise.</summary>
internal static class Terminal
{
    /// <summary>True when the writer is the process's own stdout or stderr and that is a terminal.</summary>
    public static bool IsInteractive(TextWriter writer) =>
        (ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected)
        || (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected);

    /// <summary>The process's own standard input, as Program opened it; null in tests.</summary>
    public static Stream? StandardInput { get; set; }

    /// <summary>True when the stream is the process's own stdin and that is a terminal: someone would have to type.</summary>
    public static bool IsInteractive(Stream input) => ReferenceEquals(input, StandardInput) && !Console.IsInputRedirected;

    public static IAnsiConsole For(TextWriter writer)
    {
        var interactive = IsInteractive(writer);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            // Not a terminal: no width to fit, so do not wrap lines a script may parse.
            console.Profile.Width = 1000;
        }

        return console;
    }
}
