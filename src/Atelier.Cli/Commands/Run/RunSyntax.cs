using System.Globalization;

namespace Atelier.Cli.Commands.Run;

/// <summary>How <c>atelier run</c> reads job counts and sizes, as GNU parallel writes them.</summary>
internal static class RunSyntax
{
    /// <summary><c>4</c>, <c>50%</c> of the cores, <c>+1</c> or <c>-1</c> next to the cores; at least 1.</summary>
    public static bool TryParseJobs(string text, out int jobs) => TryParseJobs(text, Environment.ProcessorCount, out jobs);

    public static bool TryParseJobs(string text, int cores, out int jobs)
    {
        jobs = 0;
        if (text.EndsWith('%') && double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && percent > 0)
        {
            jobs = Math.Max(1, (int)(cores * percent / 100));
            return true;
        }

        if (text.Length > 1 && text[0] is '+' or '-' && int.TryParse(text[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            jobs = Math.Max(1, text[0] == '+' ? cores + offset : cores - offset);
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out jobs) && jobs >= 1;
    }

    /// <summary>
    /// Bytes, as GNU parallel writes them: <c>1048576</c>; <c>512K</c>, <c>8M</c>, <c>2G</c>, <c>1T</c>, <c>1P</c> (and
    /// <c>Ki</c>, <c>ki</c>...) are powers of 1024; <c>512k</c>, <c>8m</c>, <c>2g</c> powers of 1000.
    /// </summary>
    public static bool TryParseSize(string text, out long bytes) => TryParseBytes(text, out bytes) && bytes >= 0;

    /// <summary>A <c>--block</c> size: a size as <see cref="TryParseSize"/> reads it, or -N (N blocks per job slot, for --pipe-part).</summary>
    public static bool TryParseBlock(string text, out long bytes) => TryParseBytes(text, out bytes) && bytes != 0;

    /// <summary>The regular expression --colsep gives, as GNU parallel reads it (\t is a tab).</summary>
    /// <exception cref="AtelierException">It is not a regular expression.</exception>
    public static System.Text.RegularExpressions.Regex ColumnPattern(string pattern)
    {
        try
        {
            return new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        }
        catch (ArgumentException e)
        {
            throw new AtelierException($"--colsep '{pattern}' is not a regular expression: {e.Message}", e);
        }
    }

    /// <summary>
    /// The template with each <c>{name}</c> of a header's column (also <c>{name.}</c>, <c>{name/}</c> ...) written
    /// as its number, <c>{3}</c>, as GNU parallel's <c>--header :</c> does.
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
                    word = System.Text.RegularExpressions.Regex.Replace(
                        word, $@"\{{{System.Text.RegularExpressions.Regex.Escape(names[i])}(?=[}}./])", $"{{{i + 1}", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
                }
            }

            return word;
        })];
    }

    /// <summary><c>--recend</c> and <c>--recstart</c>: text with <c>\n</c>, <c>\t</c>, <c>\r</c>, <c>\0</c> and <c>\\</c> understood, as UTF-8 bytes.</summary>
    public static byte[] Unescape(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is 'n' or 't' or 'r' or '0' or '\\' or '\'' or '"')
            {
                result.Append(text[++i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', var c => c });
                continue;
            }

            result.Append(text[i]);
        }

        return System.Text.Encoding.UTF8.GetBytes(result.ToString());
    }

    private static bool TryParseBytes(string text, out long bytes)
    {
        bytes = 0;
        var number = text.EndsWith('i') || text.EndsWith('I') ? text[..^1] : text;
        if (number.Length == 0)
        {
            return false;
        }

        var binary = number.Length < text.Length;
        var unit = number[^1] switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            'T' => 1L << 40,
            'P' => 1L << 50,
            'k' => binary ? 1L << 10 : 1_000L,
            'm' => binary ? 1L << 20 : 1_000_000L,
            'g' => binary ? 1L << 30 : 1_000_000_000L,
            't' => binary ? 1L << 40 : 1_000_000_000_000L,
            'p' => binary ? 1L << 50 : 1_000_000_000_000_000L,
            _ => 0,
        };
        if (unit == 0 && binary)
        {
            return false;
        }

        var digits = unit == 0 ? number : number[..^1];
        if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || double.IsNaN(value) || Math.Abs(value * Math.Max(unit, 1)) >= long.MaxValue)
        {
            return false;
        }

        bytes = (long)(value * Math.Max(unit, 1));
        return true;
    }

    /// <summary>A non-negative number: a load average.</summary>
    public static bool TryParseLoad(string text, out double load) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out load) && load >= 0;
}
