using System.Globalization;

namespace Atelier.Jobs.Planning;

/// <summary>How many jobs run at once, as GNU parallel's <c>-j</c> writes it.</summary>
public static class JobSlots
{
    /// <summary>Reads <c>4</c>, <c>50%</c> of the cores, <c>+1</c> or <c>-1</c> next to the cores; at least 1.</summary>
    /// <param name="text">The count as written.</param>
    /// <param name="cores">The number of cores it is relative to.</param>
    /// <param name="slots">The count.</param>
    /// <returns>False when the text is none of those forms, or 0.</returns>
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

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out slots) && slots >= 1;
    }
}
