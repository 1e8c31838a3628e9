using System.Text;
using System.Text.RegularExpressions;
using Atelier.Jobs.Running;

namespace Atelier.Jobs.Templates;

/// <summary>
/// A command with placeholders (<c>{}</c>, <c>{.}</c>, <c>{/}</c>, <c>{//}</c>, <c>{/.}</c>, <c>{#}</c>, <c>{%}</c>,
/// <c>{1}</c>, <c>{2.}</c> ...), expanded once per job into an argument vector.
/// </summary>
/// <remarks>
/// <para>Without a shell, each word of the template is one argument and a value is substituted inside the word it
/// appears in: whatever a value holds (spaces, quotes, <c>$(...)</c>, <c>;</c>, newlines), it can neither become
/// another argument nor run as a command. A word that is just <c>{}</c> becomes one argument per input source.</para>
/// <para>With a shell, the words are joined into a script for <c>/bin/sh -c</c> and every substituted value is
/// single-quoted, so the template is shell code and the values are only ever data.</para>
/// <para>A template without placeholders gets the values appended, one argument each.</para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
public sealed partial class CommandTemplate
{
    private const string Shell = "/bin/sh";
    private readonly object[][] words;
    private readonly bool appendValues;

    private CommandTemplate(IReadOnlyList<string> text, object[][] words, bool useShell, bool contextReplace)
    {
        Words = text;
        this.words = words;
        UsesShell = useShell;
        ContextReplace = contextReplace;
        appendValues = !words.Any(word => word.Any(segment => segment is Placeholder));
        HighestSource = words.SelectMany(word => word.OfType<Placeholder>()).Select(p => p.Source).DefaultIfEmpty(0).Max();
    }

    /// <summary>The template's words as given.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Whether jobs run through <c>/bin/sh -c</c>.</summary>
    public bool UsesShell { get; }

    /// <summary>
    /// Whether a word holding <c>{}</c> (or <c>{.}</c>, <c>{/}</c> ...) is repeated once per value, as GNU parallel's
    /// <c>-X</c> and <c>-N</c> do (<c>x{}y</c> with a and b: <c>xay xby</c>); otherwise the values go into the word
    /// in turn, each its own argument, the word's text before the first and after the last (<c>xa by</c>).
    /// </summary>
    public bool ContextReplace { get; }

    /// <summary>Whether any word holds a placeholder; without one, values are appended to the command.</summary>
    internal bool HasPlaceholders => !appendValues;

    /// <summary>The highest input source a placeholder names (<c>{3}</c> → 3); 0 when none names one.</summary>
    public int HighestSource { get; }

    /// <summary>The program every job runs, when the template fixes it: its first word without a placeholder.</summary>
    public string? Program => UsesShell ? Shell : words[0] is [string program] ? program : null;

    /// <summary>Reads the placeholders in <paramref name="words"/>.</summary>
    /// <param name="words">The command and its arguments, one word each (as a shell would have split them).</param>
    /// <param name="useShell">Whether to run jobs through <c>/bin/sh -c</c>.</param>
    /// <param name="contextReplace">Whether a word with <c>{}</c> is repeated for each value (see <see cref="ContextReplace"/>).</param>
    /// <exception cref="AtelierException">The template holds a GNU parallel Perl expression, <c>{= ... =}</c>.</exception>
    public static CommandTemplate Parse(IReadOnlyList<string> words, bool useShell = false, bool contextReplace = false)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0 || string.IsNullOrEmpty(words[0]))
        {
            throw new ArgumentException("A command template needs a command.", nameof(words));
        }

        // GNU parallel's {= perl expression =}: refused rather than passed on as text, which would run the wrong command.
        if (words.FirstOrDefault(w => w.Contains("{=", StringComparison.Ordinal)) is { } perl)
        {
            throw new AtelierException(
                $"'{perl}' starts a Perl expression ({{= ... =}}), which atelier does not run; use {{.}} {{/}} {{//}} {{/.}}, or --shell and the shell's own tools.");
        }

        return new CommandTemplate([.. words], [.. words.Select(Segments)], useShell, contextReplace);
    }

    /// <summary>The argument vector of one job.</summary>
    /// <param name="values">
    /// The job's values: one per input source, or, when a job takes several (<c>-n</c>, <c>-N</c>, <c>-X</c>), each
    /// set of them in turn. <c>{1}</c>, <c>{2}</c> ... take the first, second ... value; one the job lacks is left out
    /// (an argument that is only that placeholder is dropped). <c>{}</c> stands for all of them.
    /// </param>
    /// <param name="sequence">The job number, from 1 (<c>{#}</c>).</param>
    /// <param name="slot">The job slot, from 1 (<c>{%}</c>).</param>
    public string[] Expand(IReadOnlyList<string> values, long sequence, int slot)
    {
        ArgumentNullException.ThrowIfNull(values);
        return UsesShell ? [Shell, "-c", Script(values, sequence, slot)] : Arguments(values, sequence, slot);
    }

    /// <summary>The job these values make: its argument vector and its command line (what <c>--dry-run</c> prints).</summary>
    /// <param name="values">The job's values (see <see cref="Expand"/>).</param>
    /// <param name="sequence">The job number, from 1 (<c>{#}</c>).</param>
    /// <param name="slot">The job slot, from 1 (<c>{%}</c>).</param>
    /// <param name="input">What the job reads on stdin; null for nothing (/dev/null).</param>
    public Job CreateJob(IReadOnlyList<string> values, long sequence, int slot, Pipes.JobInput? input = null)
    {
        var arguments = Expand(values, sequence, slot);
        return new Job(sequence, values, arguments, Display(arguments), input);
    }

    /// <summary>The job's command as one line: the script with a shell, else the arguments quoted as a shell would need.</summary>
    public string Display(string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return UsesShell ? arguments[2] : ShellQuoting.Join(arguments);
    }

    /// <summary>The bytes the kernel is given for these values' command line: each argument's UTF-8 and its terminator.</summary>
    internal int LengthOf(IReadOnlyList<string> values, long sequence) =>
        Expand(values, sequence, 1).Sum(argument => System.Text.Encoding.UTF8.GetByteCount(argument) + 1);

    /// <summary>
    /// The bytes one more value adds to a job's command line, for every placeholder that takes all values
    /// (exact for those; <c>{1}</c>, <c>{2}</c> ... take the first values and do not grow).
    /// </summary>
    internal int CostOf(string value)
    {
        var cost = 0;
        foreach (var word in words)
        {
            var context = ContextReplace && word.Length > 1 && word.Any(IsAll);
            if (context)
            {
                cost += 1 + word.Sum(segment => segment switch
                {
                    string text => Bytes(text),
                    Placeholder all when IsAll(all) => Bytes(Quoted(all.Transform(value))),
                    _ => 0,
                });
                continue;
            }

            cost += word.Where(IsAll).Sum(all => Bytes(Quoted(((Placeholder)all).Transform(value))) + 1);
        }

        return appendValues ? cost + Bytes(Quoted(value)) + 1 : cost;
    }

    private static int Bytes(string text) => System.Text.Encoding.UTF8.GetByteCount(text);

    private string Quoted(string value) => UsesShell ? ShellQuoting.Quote(value) : value;

    /// <summary>Whether a segment takes every value: <c>{}</c> and its transforms, not <c>{#}</c>, <c>{%}</c> or <c>{N}</c>.</summary>
    private static bool IsAll(object segment) => segment is Placeholder { Source: 0, Kind: not (PlaceholderKind.Sequence or PlaceholderKind.Slot) };

    private string[] Arguments(IReadOnlyList<string> values, long sequence, int slot)
    {
        var arguments = new List<string>(words.Length + (appendValues ? values.Count : 0));
        foreach (var word in words)
        {
            switch (word)
            {
                case [Placeholder all] when IsAll(all):
                    arguments.AddRange(values.Select(all.Transform));
                    break;
                case [Placeholder { Source: > 0 } one] when one.Source > values.Count:
                    break;
                case var _ when ContextReplace && word.Any(IsAll):
                    foreach (var value in values)
                    {
                        arguments.Add(string.Concat(word.Select(segment => segment is Placeholder p ? IsAll(p) ? p.Transform(value) : p.Expand(values, sequence, slot) : (string)segment)));
                    }

                    break;
                default:
                    // The word's text before the first value and after the last; each value its own argument.
                    var text = new StringBuilder();
                    foreach (var segment in word)
                    {
                        if (!IsAll(segment))
                        {
                            text.Append(segment is Placeholder placeholder ? placeholder.Expand(values, sequence, slot) : (string)segment);
                            continue;
                        }

                        for (var i = 0; i < values.Count; i++)
                        {
                            if (i > 0)
                            {
                                arguments.Add(text.ToString());
                                text.Clear();
                            }

                            text.Append(((Placeholder)segment).Transform(values[i]));
                        }
                    }

                    arguments.Add(text.ToString());
                    break;
            }
        }

        if (appendValues)
        {
            arguments.AddRange(values);
        }

        return [.. arguments];
    }

    private string Script(IReadOnlyList<string> values, long sequence, int slot)
    {
        var script = new StringBuilder();
        foreach (var word in words)
        {
            if (word is [Placeholder { Source: > 0 } missing] && missing.Source > values.Count)
            {
                continue;
            }

            var repeats = ContextReplace && word.Any(IsAll) ? values.Cast<string?>() : [(string?)null];
            foreach (var value in repeats)
            {
                script.Append(script.Length > 0 ? " " : "");
                foreach (var segment in word)
                {
                    script.Append(segment switch
                    {
                        Placeholder { Kind: PlaceholderKind.Sequence or PlaceholderKind.Slot } number => number.Expand(values, sequence, slot),
                        Placeholder all when IsAll(all) => value is not null ? ShellQuoting.Quote(all.Transform(value)) : string.Join(' ', values.Select(v => ShellQuoting.Quote(all.Transform(v)))),
                        Placeholder one => ShellQuoting.Quote(one.Expand(values, sequence, slot)),
                        _ => (string)segment,
                    });
                }
            }
        }

        if (appendValues)
        {
            foreach (var value in values)
            {
                script.Append(' ').Append(ShellQuoting.Quote(value));
            }
        }

        return script.ToString();
    }

    /// <summary>A word as literal text and placeholders, in order.</summary>
    private static object[] Segments(string word)
    {
        var segments = new List<object>();
        var start = 0;
        foreach (Match match in PlaceholderPattern().Matches(word))
        {
            if (match.Index > start)
            {
                segments.Add(word[start..match.Index]);
            }

            segments.Add(ToPlaceholder(match));
            start = match.Index + match.Length;
        }

        if (start < word.Length || segments.Count == 0)
        {
            segments.Add(word[start..]);
        }

        return [.. segments];
    }

    private static Placeholder ToPlaceholder(Match match)
    {
        var source = match.Groups["source"].Success ? int.Parse(match.Groups["source"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var kind = match.Groups["op"].Value switch
        {
            "#" => PlaceholderKind.Sequence,
            "%" => PlaceholderKind.Slot,
            "." => PlaceholderKind.WithoutExtension,
            "/" => PlaceholderKind.Basename,
            "//" => PlaceholderKind.Dirname,
            "/." => PlaceholderKind.BasenameWithoutExtension,
            _ => PlaceholderKind.Value,
        };
        return new Placeholder(source, kind);
    }

    [GeneratedRegex(@"\{(?:(?<op>[#%])|(?<source>[1-9][0-9]{0,5})?(?<op>/\.|//|/|\.)?)\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
