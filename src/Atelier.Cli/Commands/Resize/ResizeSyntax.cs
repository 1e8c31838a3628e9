using System.Globalization;
using Atelier.Imaging;

namespace Atelier.Cli.Commands.Resize;

/// <summary>How <c>atelier resize</c> spells sizes, formats, colours and pixel counts.</summary>
internal static class ResizeSyntax
{
    /// <summary>A fixed quality (1 to 100), <c>auto</c> (the default MS-SSIM target) or <c>auto:SCORE</c> (between 0 and 1).</summary>
    public static bool TryParseQuality(string text, out (int Quality, double? Target) quality)
    {
        quality = (ResizeOptions.DefaultQuality, null);
        var value = text.Trim();
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var fixedQuality) && fixedQuality is >= 1 and <= 100)
        {
            quality = (fixedQuality, null);
            return true;
        }

        if (value.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            quality = (ResizeOptions.DefaultQuality, ResizeOptions.DefaultQualityTarget);
            return true;
        }

        if (value.StartsWith("auto:", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(value[5..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var target) && target is > 0 and < 1)
        {
            quality = (ResizeOptions.DefaultQuality, target);
            return true;
        }

        return false;
    }

    /// <summary>A byte budget: <c>60k</c>, <c>1.5M</c>, <c>120000</c> (k = 1,000), and <c>:shrink</c> after it.</summary>
    public static bool TryParseBudget(string text, out (long Bytes, bool Shrink) budget)
    {
        var shrink = text.EndsWith(":shrink", StringComparison.OrdinalIgnoreCase);
        var size = shrink ? text[..^7] : text;
        budget = (0, shrink);
        if (!ByteSize.TryParse(size, SizeUnits.Decimal, out var bytes) || bytes < 1)
        {
            return false;
        }

        budget = (bytes, shrink);
        return true;
    }

    public static bool TryParseSizes(string text, out IReadOnlyList<BoxSize> sizes)
    {
        var parsed = new List<BoxSize>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!BoxSize.TryParse(part, out var size))
            {
                sizes = [];
                return false;
            }

            parsed.Add(size);
        }

        sizes = [.. parsed.Distinct()];
        return true;
    }

    public static bool TryParseFormats(string text, out IReadOnlyList<ImageFormat> formats)
    {
        var parsed = new List<ImageFormat>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            ImageFormat? format = part.ToLowerInvariant() switch
            {
                "jpg" or "jpeg" => ImageFormat.Jpeg,
                "png" => ImageFormat.Png,
                "webp" => ImageFormat.WebP,
                "avif" => ImageFormat.Avif,
                "keep" => ImageFormat.Keep,
                _ => null,
            };
            if (format is null)
            {
                formats = [];
                return false;
            }

            parsed.Add(format.Value);
        }

        formats = [.. parsed.Distinct()];
        return true;
    }

    /// <summary><c>white</c>, <c>black</c>, <c>#RRGGBB</c> or <c>R,G,B</c>.</summary>
    public static bool TryParseColour(string text, out IReadOnlyList<double> colour)
    {
        colour = [];
        var value = text.Trim().ToLowerInvariant();
        if (value is "white" or "black")
        {
            colour = value == "white" ? [255, 255, 255] : [0, 0, 0];
            return true;
        }

        if (value.Length == 7 && value[0] == '#' && int.TryParse(value[1..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
        {
            colour = [(rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255];
            return true;
        }

        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        var channels = parts.Select(p => byte.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : (int?)null).ToList();
        if (parts.Length == 3 && channels.All(c => c is not null))
        {
            colour = [.. channels.Select(c => (double)c!.Value)];
            return true;
        }

        return false;
    }

    /// <summary>A pixel count: <c>268000000</c>, or in megapixels: <c>268M</c>, <c>268MP</c>, <c>0.5M</c>.</summary>
    public static bool TryParsePixels(string text, out long pixels)
    {
        pixels = 0;
        var value = text.Trim().ToUpperInvariant();
        var mega = value.EndsWith("MP", StringComparison.Ordinal) ? 2 : value.EndsWith('M') ? 1 : 0;
        if (!double.TryParse(value[..^mega], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            return false;
        }

        pixels = (long)(mega > 0 ? number * 1_000_000 : number);
        return pixels > 0;
    }
}
