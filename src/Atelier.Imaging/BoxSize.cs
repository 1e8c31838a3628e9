using System.Globalization;

namespace Atelier.Imaging;

/// <summary>
/// A requested box: the largest width and height an output may have (or, with <see cref="Fit.Fill"/>, will have). One
/// side may be <see cref="Any"/> (<c>320x</c>: 320 wide, as tall as the proportions make it), or the box may be a share of
/// each input's own size (<see cref="Scale"/>, <c>50%</c>), as vipsthumbnail and ImageMagick read sizes.
/// </summary>
public readonly record struct BoxSize(int Width, int Height)
{
    /// <summary>A side with no limit.</summary>
    public const int Any = 0;

    private const int Largest = 100_000;

    /// <summary>Instead of a box, this share of each input's own width and height (0.5 for 50%); null for a box.</summary>
    public double? Scale { get; init; }

    /// <summary>A share of each input's own size: 0.5 is half as wide and half as tall.</summary>
    public static BoxSize OfScale(double scale) => new(Any, Any) { Scale = scale };

    /// <summary>
    /// Reads <c>800x600</c>; <c>320</c> (a square), <c>320x</c> (only the width bounded), <c>x240</c> (only the height),
    /// <c>50%</c> (a share of each input's size, up to 1000%).
    /// </summary>
    public static bool TryParse(string text, out BoxSize size)
    {
        size = default;
        var value = text.Trim();
        if (value.EndsWith('%'))
        {
            if (!double.TryParse(value[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) || percent is <= 0 or > 1000)
            {
                return false;
            }

            size = OfScale(percent / 100);
            return true;
        }

        var parts = value.Split('x', 'X');
        if (parts.Length > 2 || !TryParseSide(parts[0], out var width) || !TryParseSide(parts.Length == 2 ? parts[1] : parts[0], out var height)
            || width == Any && height == Any)
        {
            return false;
        }

        size = new BoxSize(width, height);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Scale is { } scale
        ? string.Create(CultureInfo.InvariantCulture, $"{scale * 100:0.###}%")
        : string.Create(CultureInfo.InvariantCulture, $"{Side(Width)}x{Side(Height)}");

    /// <summary>Whether this is a box libvips can be asked for: a scale, or sides within 1 to 100,000 with at least one bounded.</summary>
    internal bool IsValid => Scale is { } scale
        ? scale is > 0 and <= 10
        : Width is >= Any and <= Largest && Height is >= Any and <= Largest && (Width != Any || Height != Any);

    /// <summary>Whether one side is left open (a scale is not: it bounds both).</summary>
    internal bool IsOpen => Scale is null && (Width == Any || Height == Any);

    /// <summary>The box in pixels for an input of <paramref name="input"/>'s size; an open side becomes libvips' largest coordinate.</summary>
    internal (int Width, int Height) For(BoxSize input)
    {
        const int open = 10_000_000;
        return Scale is { } scale
            ? (Math.Max(1, (int)Math.Round(input.Width * scale)), Math.Max(1, (int)Math.Round(input.Height * scale)))
            : (Width == Any ? open : Width, Height == Any ? open : Height);
    }

    private static bool TryParseSide(string text, out int side)
    {
        side = Any;
        return text.Length == 0
            || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out side) && side is >= 1 and <= Largest;
    }

    private static string Side(int side) => side == Any ? "" : side.ToString(CultureInfo.InvariantCulture);
}
