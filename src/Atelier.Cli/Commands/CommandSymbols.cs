using System.CommandLine;

namespace Atelier.Cli.Commands;

/// <summary>Adding a command's arguments and options from one list, in the order its help shows them.</summary>
internal static class CommandSymbols
{
    public static void AddTo(this IEnumerable<Symbol> symbols, Command command)
    {
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
                default:
                    throw new ArgumentException($"'{symbol.Name}' is neither an argument nor an option.", nameof(symbols));
            }
        }
    }
}
