using System.CommandLine;

namespace Atelier.Cli.Commands.Run;

/// <summary>
/// The words of <c>atelier run</c>: options first, then the command template and its input sources, which
/// <see cref="Atelier.Jobs.Planning.JobArguments"/> tells apart.
/// </summary>
internal static class RunArguments
{
    /// <summary>
    /// Marks where <c>run</c>'s own options end with <c>--</c>, so that the command's options (<c>grep -v</c>) stay
    /// the command's: the first word that is neither one of run's options nor an option's value starts the command.
    /// </summary>
    public static string[] SeparateCommand(string[] args, Command? run)
    {
        if (run is null || args.Length == 0 || args[0] != run.Name)
        {
            return args;
        }

        var words = new List<string> { args[0] };
        for (var i = 1; i < args.Length; i++)
        {
            var word = args[i];
            if (word == "--" || !word.StartsWith('-') || word == "-")
            {
                words.Add("--");
                words.AddRange(args[(word == "--" ? i + 1 : i)..]);
                return [.. words];
            }

            var (name, attached) = SplitAttached(word, run);
            words.Add(name);
            if (attached is not null)
            {
                words.Add(attached);
            }
            else if (TakesValue(name, run) && i + 1 < args.Length)
            {
                words.Add(args[++i]);
            }
        }

        return [.. words];
    }

    private static (string Name, string? Attached) SplitAttached(string word, Command run)
    {
        var equals = word.IndexOf('=', StringComparison.Ordinal);
        if (word.StartsWith("--", StringComparison.Ordinal) && equals > 0)
        {
            return (word[..equals], word[(equals + 1)..]);
        }

        // -j4: a short option with its value attached.
        if (word.Length > 2 && word[1] != '-' && TakesValue(word[..2], run))
        {
            return (word[..2], word[2..]);
        }

        return (word, null);
    }

    private static bool TakesValue(string name, Command run) =>
        run.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name)) is { } option && option.ValueType != typeof(bool);
}
