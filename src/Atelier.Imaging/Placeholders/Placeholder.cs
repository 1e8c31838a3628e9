using NetVips;

namespace Atelier.Imaging.Placeholders;

/// <summary>An image's placeholder (ThumbHash or BlurHash, from at most 100x100 pixels) and its average colour.</summary>
internal sealed record Placeholder(string Hash, string AverageColour)
{
    /// <summary>The placeholder of a picture (its first frame, for an animation).</summary>
    public static Placeholder Of(Image picture, PlaceholderKind kind)
    {
        var frameHeight = picture.Contains("page-height") ? (int)picture.Get("page-height") : picture.Height;
        using var frame = frameHeight < picture.Height ? picture.Crop(0, 0, picture.Width, frameHeight) : picture.Copy();
        using var small = frame.ThumbnailImage(100, height: 100);
        using var srgb = small.Interpretation == Enums.Interpretation.Srgb ? small.Copy() : small.Colourspace(Enums.Interpretation.Srgb);
        using var rgba = srgb.HasAlpha() ? srgb.Copy() : srgb.Bandjoin(255);
        using var bytes = rgba.Cast(Enums.BandFormat.Uchar);
        var pixels = bytes.WriteToMemory<byte>();
        var hash = kind == PlaceholderKind.ThumbHash
            ? Convert.ToBase64String(ThumbHash.Encode(rgba.Width, rgba.Height, pixels))
            : BlurHash.Encode(rgba.Width, rgba.Height, pixels, 4, 3);
        return new Placeholder(hash, Average(pixels));
    }

    /// <summary>The average colour, alpha-weighted, as #rrggbb.</summary>
    private static string Average(byte[] rgba)
    {
        double r = 0, g = 0, b = 0, weight = 0;
        for (var i = 0; i < rgba.Length; i += 4)
        {
            var alpha = rgba[i + 3] / 255.0;
            (r, g, b, weight) = (r + rgba[i] * alpha, g + rgba[i + 1] * alpha, b + rgba[i + 2] * alpha, weight + alpha);
        }

        return weight == 0 ? "#000000" : FormattableString.Invariant($"#{(int)Math.Round(r / weight):x2}{(int)Math.Round(g / weight):x2}{(int)Math.Round(b / weight):x2}");
    }
}
