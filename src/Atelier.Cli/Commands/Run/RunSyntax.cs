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

    /// <summary>Bytes: <c>1048576</c>, <c>512K</c>, <c>8M</c>, <c>2G</c>, <c>1T</c> (powers of 1024).</summary>
    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        if (text.Length == 0)
        {
            return false;
        }

        var unit = char.ToUpperInvariant(text[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 1 };
        var number = unit == 1 ? text : text[..^1];
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value < 0 || value * unit > long.MaxValue)
        {
            return false;
        }

        bytes = (long)(value * unit);
        return true;
    }

    /// <summary>A non-negative number: a load average.</summary>
    public static bool TryParseLoad(string text, out double load) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out load) && load >= 0;
}
