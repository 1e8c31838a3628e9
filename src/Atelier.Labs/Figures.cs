using System.Globalization;

namespace Atelier.Labs;

/// <summary>How the lessons write numbers for people: invariant culture, units always shown.</summary>
internal static class Figures
{
    public static string Duration(TimeSpan elapsed) => elapsed.TotalSeconds >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.00} s")
        : string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMilliseconds:0.#} ms");

    public static string Times(double factor) => string.Create(CultureInfo.InvariantCulture, $"{factor:0.0}x");

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.#}%");

    public static string Milliseconds(TimeSpan elapsed) => Math.Round(elapsed.TotalMilliseconds, 1).ToString(CultureInfo.InvariantCulture);

    public static double Ms(TimeSpan elapsed) => Math.Round(elapsed.TotalMilliseconds, 3);

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
