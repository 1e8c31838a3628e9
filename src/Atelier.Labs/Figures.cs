using System.Globalization;
using Atelier.Labs.Text;

namespace Atelier.Labs;

/// <summary>How the lessons write numbers for people: in the lesson's language (<see cref="LabText"/>), units always shown.</summary>
internal static class Figures
{
    public static string Duration(TimeSpan elapsed) => elapsed.TotalSeconds >= 1
        ? LabText.Format("Numbers.Seconds", elapsed.TotalSeconds)
        : LabText.Format("Numbers.Milliseconds", elapsed.TotalMilliseconds);

    public static string Times(double factor) => LabText.Format("Numbers.Times", factor);

    public static string Count(long value) => value.ToString("N0", LabText.Numbers);

    public static string Count(System.Numerics.BigInteger value) => value.ToString("N0", LabText.Numbers);

    public static string Percent(double value) => LabText.Format("Numbers.Percent", value);

    /// <summary>A small share with up to three decimals (0.105%).</summary>
    public static string FinePercent(double value) => LabText.Format("Numbers.PercentFine", value);

    public static string Milliseconds(TimeSpan elapsed) => Math.Round(elapsed.TotalMilliseconds, 1).ToString(CultureInfo.InvariantCulture);

    public static double Ms(TimeSpan elapsed) => Math.Round(elapsed.TotalMilliseconds, 3);

    /// <summary>Text not (yet) from the language files, with invariant numbers.</summary>
    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A word of the lessons' data (a mode, a status) in the run's language: <c>CATEGORY.value</c> from the files, else the value itself.</summary>
    public static string Word(string category, string value) => LabText.TryGet($"{category}.{value}") ?? value;

    /// <summary>The lesson text of <paramref name="key"/> in the run's language, its placeholders filled.</summary>
    public static string Text(string key, params object?[] values) => LabText.Format(key, values);
}
