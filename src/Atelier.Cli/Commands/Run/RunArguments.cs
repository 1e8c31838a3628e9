using System.CommandLine;
using System.CommandLine.Parsing;

namespace Atelier.Cli.Commands.Run;

/// <summary>
/// The words of <c>atelier run</c>: options first, then the command template, then input sources
/// (<c>:::</c> values, <c>::::</c> files, <c>:::+</c> and <c>::::+</c> linked to the source before).
/// </summary>
internal static class RunArguments
{
    private static readonly string[] Markers = [":::", ":::+", "::::", "::::+"];
    private static readonly string[] ShellSyntax = ["|", "||", "&&", ";", "&", ">", ">>", "<", "2>", "2>&1", "&>"];

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

    /// <summary>Splits the words after the options into the template and the input sources.</summary>
    /// <exception cref="AtelierException">A marker without values or files, or shell syntax without --shell.</exception>
    public static (IReadOnlyList<string> Template, IReadOnlyList<SourceWords> Sources) Split(IReadOnlyList<string> words, bool useShell)
    {
        var first = words.ToList().FindIndex(w => Markers.Contains(w));
        var template = first < 0 ? [.. words] : words.Take(first).ToList();
        if (template.Count == 1 && !useShell && template[0].Any(char.IsWhiteSpace))
        {
            // 'gzip -9 {}' as one word, as GNU parallel users write it: split once (System.CommandLine's splitting:
            // whitespace, and double quotes to keep spaces), never through a shell.
            template = [.. CommandLineParser.SplitCommandLine(template[0])];
        }

        if (template.Count == 0)
        {
            throw new AtelierException("Name a command to run, for example: atelier run gzip -9 {} ::: *.log");
        }

        if (!useShell && template.FirstOrDefault(ShellSyntax.Contains) is { } syntax)
        {
            throw new AtelierException($"'{syntax}' is shell syntax, and atelier runs the command without a shell: add --shell (every value is quoted for it).");
        }

        var sources = new List<SourceWords>();
        for (var i = first; i >= 0 && i < words.Count;)
        {
            var marker = words[i];
            var end = words.ToList().FindIndex(i + 1, w => Markers.Contains(w));
            var values = words.Skip(i + 1).Take((end < 0 ? words.Count : end) - i - 1).ToList();
            if (values.Count == 0)
            {
                throw new AtelierException($"'{marker}' is followed by no {(marker.StartsWith("::::", StringComparison.Ordinal) ? "file" : "value")}.");
            }

            var linked = marker.EndsWith('+');
            if (marker.StartsWith("::::", StringComparison.Ordinal))
            {
                // Each file is a source of its own, as in GNU parallel; a + links the first of them.
                sources.AddRange(values.Select((file, n) => new SourceWords(null, file, linked && n == 0)));
            }
            else
            {
                sources.Add(new SourceWords(values, null, linked));
            }

            i = end;
        }

        return (template, sources);
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
