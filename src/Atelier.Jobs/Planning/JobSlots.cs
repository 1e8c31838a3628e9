using System.Globalization;

namespace Atelier.Jobs.Planning;

/// <summary>How many jobs run at once, as GNU parallel's <c>-j</c> writes it.</summary>
public static class JobSlots
{
    /// <summary>What <c>-j 0</c> gives: GNU parallel runs as many as file handles allow; this many at most here.</summary>
    public const int AsManyAsPossible = 1024;

    /// <summary>Reads <c>4</c>, <c>50%</c> of the cores, <c>+1</c> or <c>-1</c> next to the cores (at least 1), <c>0</c> for <see cref="AsManyAsPossible"/>.</summary>
    /// <param name="text">The count as written.</param>
    /// <param name="cores">The number of cores it is relative to.</param>
    /// <param name="slots">The count.</param>
    /// <returns>False when the text is none of those forms.</returns>
    public static bool TryParse(string text, int cores, out int slots)
    {
        ArgumentNullException.ThrowIfNull(text);
        slots = 0;
        if (text.EndsWith('%') && double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && percent > 0)
        {
            slots = Math.Max(1, (int)(cores * percent / 100));
            return true;
        }

        if (text.Length > 1 && text[0] is '+' or '-' && int.TryParse(text[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            slots = Math.Max(1, text[0] == '+' ? cores + offset : cores - offset);
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out slots))
        {
            return false;
        }

        slots = slots == 0 ? AsManyAsPossible : slots;
        return true;
    }
}
