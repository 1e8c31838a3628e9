using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Atelier.Jobs.Inputs;
using Atelier.Jobs.Pipes;

namespace Atelier.Jobs.Planning;

/// <summary>How a plan's sources become jobs' values or blocks: their format, how many values a job takes, where blocks are cut.</summary>
internal static class JobPlanInputs
{
    /// <summary>How input text becomes values: NUL-separated, columns, CSV, a header.</summary>
    public static InputFormat Format(JobPlanOptions options)
    {
        var header = options.Header switch
        {
            null => false,
            ":" or "1" => true,
            var other => throw Error($"Header '{other}' names columns only as ':' (the first line); a number of lines goes with Pipe.", nameof(options.Header), nameof(options.Pipe)),
        };
        var separator = options.ColumnSeparator;
        if (options.Csv && separator is { Length: > 1 })
        {
            throw Error($"Csv takes one character as ColumnSeparator, not '{separator}'.", nameof(options.Csv), nameof(options.ColumnSeparator));
        }

        return new InputFormat
        {
            RecordEnd = options.NullSeparated ? '\0' : '\n',
            Csv = options.Csv ? separator is [var one] ? one : ',' : null,
            ColumnSeparator = options.Csv ? null : separator is not null ? ColumnPattern(separator) : header ? ColumnPattern("\t") : null,
            Header = header,
        };
    }

    /// <summary>How many values each job takes; null for one set each.</summary>
    public static ArgumentBatching? Batching(JobPlanOptions options, int sources)
    {
        var (exactly, fill) = (options.Exactly is not null, options.ContextReplace || options.Xargs);
        if (options.ContextReplace && options.Xargs)
        {
            throw Error("ContextReplace and Xargs are two ways to fill a command line: choose one.", nameof(options.ContextReplace), nameof(options.Xargs));
        }

        if (exactly && (fill || options.MaxArgs is not null))
        {
            var other = options.Xargs ? nameof(options.Xargs) : options.ContextReplace ? nameof(options.ContextReplace) : nameof(options.MaxArgs);
            throw Error($"Exactly gives each job exactly N values; it does not go with {other}.", nameof(options.Exactly), other);
        }

        if (exactly && sources > 1)
        {
            throw Error($"Exactly takes N values of one input source, and there are {sources}; for sets of values from each, use MaxArgs.", nameof(options.Exactly), nameof(options.MaxArgs));
        }

        if (!exactly && !fill && options.MaxArgs is null)
        {
            return options.MaxChars is not null
                ? throw Error("MaxChars goes with MaxArgs, Xargs, ContextReplace or Exactly.", nameof(options.MaxChars), nameof(options.MaxArgs), nameof(options.Xargs), nameof(options.ContextReplace), nameof(options.Exactly))
                : null;
        }

        var batching = new ArgumentBatching { Exactly = options.Exactly, MaxSets = options.MaxArgs ?? (fill ? null : 1), Spread = fill };
        return options.MaxChars is { } chars ? batching with { MaxChars = chars } : batching;
    }

    public static BlockOptions CutOptions(JobPlanOptions options)
    {
        var headerLines = options.Header switch
        {
            null => 0,
            ":" => 1,
            _ when int.TryParse(options.Header, NumberStyles.None, CultureInfo.InvariantCulture, out var lines) => lines,
            _ => throw Error($"Header '{options.Header}' is neither a number of lines nor ':' (one line).", nameof(options.Header)),
        };

        // As GNU parallel: a record start alone means records end anywhere before it; an end alone, that they start anywhere.
        var (end, start) = (options.RecordEnd, options.RecordStart);
        return new BlockOptions
        {
            BlockSize = options.BlockSize ?? (options.PipePart ? (options.RoundRobin ? -1 : -10) : new BlockOptions().BlockSize),
            Records = options.Exactly,
            RecordEnd = end is not null ? Unescape(end) : start is not null ? [] : "\n"u8.ToArray(),
            RecordStart = start is not null ? Unescape(start) : [],
            HeaderLines = headerLines,
        };
    }

    public static IReadOnlyList<InputSource> Open(IReadOnlyList<JobSource> sources, InputFormat format, Stream? standardInput)
    {
        TextReader StandardInput() => new StreamReader(standardInput ?? Stream.Null, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        if (sources.Count == 0)
        {
            return [InputSource.FromReader(StandardInput(), format)];
        }

        return [.. sources.Select(source => source switch
        {
            { Values: { } values } => InputSource.FromValues(values, format, source.Linked),
            { IsStandardInput: true } => InputSource.FromReader(StandardInput(), format, source.Linked),
            _ => InputSource.FromFile(source.File!, format, source.Linked),
        })];
    }

    /// <summary>The regular expression a column separator gives, as GNU parallel reads it (<c>\t</c> is a tab).</summary>
    private static Regex ColumnPattern(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new AtelierException($"'{pattern}' is not a regular expression: {e.Message}", ["JobPlanOptions.ColumnSeparator"]);
        }
    }

    /// <summary>
    /// The template with each <c>{name}</c> of a header's column (also <c>{name.}</c>, <c>{name/}</c> ...) written as
    /// its number, <c>{3}</c>, as GNU parallel's <c>--header :</c> does.
    /// </summary>
    public static IReadOnlyList<string> NameColumns(IReadOnlyList<string> words, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return words;
        }

        return [.. words.Select(word =>
        {
            for (var i = 0; i < names.Count; i++)
            {
                if (names[i].Length > 0)
                {
                    word = Regex.Replace(
                        word, $@"\{{{Regex.Escape(names[i])}(?=[}}./])", $"{{{i + 1}", RegexOptions.CultureInvariant);
                }
            }

            return word;
        })];
    }

    /// <summary>A record end or start: text with <c>\n</c>, <c>\t</c>, <c>\r</c>, <c>\0</c> and <c>\\</c> understood, as UTF-8 bytes.</summary>
    internal static byte[] Unescape(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is 'n' or 't' or 'r' or '0' or '\\' or '\'' or '"')
            {
                result.Append(text[++i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', var c => c });
                continue;
            }

            result.Append(text[i]);
        }

        return Encoding.UTF8.GetBytes(result.ToString());
    }

    /// <summary>A message about how settings go together; each is named as <see cref="JobPlanOptions"/> spells it, for a caller to show in its own words.</summary>
    public static AtelierException Error(string message, params string[] settings) =>
        new(message, [.. settings.Select(setting => $"{nameof(JobPlanOptions)}.{setting}")]);
}
