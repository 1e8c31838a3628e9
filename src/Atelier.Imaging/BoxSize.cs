using System.Globalization;

namespace Atelier.Imaging;

/// <summary>A requested box: the largest width and height an output may have (or, with <see cref="Fit.Fill"/>, will have).</summary>
public readonly record struct BoxSize(int Width, int Height)
{
    /// <summary>Reads <c>800x600</c>; a single number (<c>320</c>) is a square box.</summary>
    public static bool TryParse(string text, out BoxSize size)
    {
        size = default;
        var parts = text.Trim().Split('x', 'X');
        if (parts.Length is < 1 or > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || (parts.Length == 2 ? !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height) : !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out height))
            || width is < 1 or > 100_000 || height is < 1 or > 100_000)
        {
            return false;
        }

        size = new BoxSize(width, height);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}");
}
