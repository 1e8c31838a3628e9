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

    private CommandTemplate(IReadOnlyList<string> text, object[][] words, bool useShell)
    {
        Words = text;
        this.words = words;
        UsesShell = useShell;
        appendValues = !words.Any(word => word.Any(segment => segment is Placeholder));
        HighestSource = words.SelectMany(word => word.OfType<Placeholder>()).Select(p => p.Source).DefaultIfEmpty(0).Max();
    }

    /// <summary>The template's words as given.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>Whether jobs run through <c>/bin/sh -c</c>.</summary>
    public bool UsesShell { get; }

    /// <summary>The highest input source a placeholder names (<c>{3}</c> → 3); 0 when none names one.</summary>
    public int HighestSource { get; }

    /// <summary>The program every job runs, when the template fixes it: its first word without a placeholder.</summary>
    public string? Program => UsesShell ? Shell : words[0] is [string program] ? program : null;

    /// <summary>Reads the placeholders in <paramref name="words"/>.</summary>
    /// <param name="words">The command and its arguments, one word each (as a shell would have split them).</param>
    /// <param name="useShell">Whether to run jobs through <c>/bin/sh -c</c>.</param>
    /// <exception cref="AtelierException">The template holds a GNU parallel Perl expression, <c>{= ... =}</c>.</exception>
    public static CommandTemplate Parse(IReadOnlyList<string> words, bool useShell = false)
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

        return new CommandTemplate([.. words], [.. words.Select(Segments)], useShell);
    }

    /// <summary>The argument vector of one job.</summary>
    /// <param name="values">The job's value from each input source, in source order.</param>
    /// <param name="sequence">The job number, from 1 (<c>{#}</c>).</param>
    /// <param name="slot">The job slot, from 1 (<c>{%}</c>).</param>
    public string[] Expand(IReadOnlyList<string> values, long sequence, int slot)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (HighestSource > values.Count)
        {
            throw new ArgumentException($"{{{HighestSource}}} names input source {HighestSource}, but the job has {values.Count}.", nameof(values));
        }

        return UsesShell ? [Shell, "-c", Script(values, sequence, slot)] : Arguments(values, sequence, slot);
    }

    /// <summary>The job these values make: its argument vector and its command line (what <c>--dry-run</c> prints).</summary>
    /// <param name="values">The job's value from each input source, in source order.</param>
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

    private string[] Arguments(IReadOnlyList<string> values, long sequence, int slot)
    {
        var arguments = new List<string>(words.Length + (appendValues ? values.Count : 0));
        foreach (var word in words)
        {
            if (word is [Placeholder { Source: 0, Kind: not (PlaceholderKind.Sequence or PlaceholderKind.Slot) } all] && values.Count > 1)
            {
                arguments.AddRange(values.Select(all.Transform));
                continue;
            }

            var text = new StringBuilder();
            foreach (var segment in word)
            {
                text.Append(segment is Placeholder placeholder ? placeholder.Expand(values, sequence, slot) : (string)segment);
            }

            arguments.Add(text.ToString());
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
            script.Append(script.Length > 0 ? " " : "");
            foreach (var segment in word)
            {
                script.Append(segment switch
                {
                    Placeholder { Kind: PlaceholderKind.Sequence or PlaceholderKind.Slot } number => number.Expand(values, sequence, slot),
                    Placeholder { Source: 0 } all => string.Join(' ', values.Select(v => ShellQuoting.Quote(all.Transform(v)))),
                    Placeholder one => ShellQuoting.Quote(one.Expand(values, sequence, slot)),
                    _ => (string)segment,
                });
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
