using System.Text;

namespace Atelier.Imaging.Placeholders;

/// <summary>
/// BlurHash (Wolt): an image as a short string of base-83 digits: the size of its cosine-transform grid, the largest
/// varying term, the average colour in sRGB, and each varying term quantised to 19 steps a channel on a square-root
/// scale, all in linear light. Checked against the reference implementation's output (the npm package blurhash).
/// </summary>
internal static class BlurHash
{
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

    /// <summary>Encodes <paramref name="rgba"/> (width x height, 8 bits per channel) with <paramref name="componentsX"/> by <paramref name="componentsY"/> terms (1 to 9 each).</summary>
    public static string Encode(int width, int height, byte[] rgba, int componentsX, int componentsY)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(componentsX, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(componentsX, 9);
        ArgumentOutOfRangeException.ThrowIfLessThan(componentsY, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(componentsY, 9);
        var linear = new double[rgba.Length];
        for (var i = 0; i < rgba.Length; i++)
        {
            linear[i] = ToLinear(rgba[i]);
        }

        var factors = new List<(double R, double G, double B)>();
        for (var y = 0; y < componentsY; y++)
        {
            for (var x = 0; x < componentsX; x++)
            {
                var normalisation = x == 0 && y == 0 ? 1.0 : 2.0;
                double r = 0, g = 0, b = 0;
                for (var i = 0; i < width; i++)
                {
                    var cosX = Math.Cos(Math.PI * x * i / width);
                    for (var j = 0; j < height; j++)
                    {
                        var basis = normalisation * cosX * Math.Cos(Math.PI * y * j / height);
                        var at = 4 * (i + j * width);
                        r += basis * linear[at];
                        g += basis * linear[at + 1];
                        b += basis * linear[at + 2];
                    }
                }

                var scale = 1.0 / (width * height);
                factors.Add((r * scale, g * scale, b * scale));
            }
        }

        var hash = new StringBuilder();
        Append(hash, componentsX - 1 + (componentsY - 1) * 9, 1);
        var maximum = 1.0;
        if (factors.Count > 1)
        {
            // The largest signed term, not the largest magnitude: the reference implementations do so, and their
            // strings are the ones decoders everywhere read.
            var largest = factors.Skip(1).Max(f => Math.Max(f.R, Math.Max(f.G, f.B)));
            var quantised = (int)Math.Max(0, Math.Min(82, Math.Floor(largest * 166 - 0.5)));
            maximum = (quantised + 1) / 166.0;
            Append(hash, quantised, 1);
        }
        else
        {
            Append(hash, 0, 1);
        }

        var dc = factors[0];
        Append(hash, (ToSrgb(dc.R) << 16) + (ToSrgb(dc.G) << 8) + ToSrgb(dc.B), 4);
        foreach (var (r, g, b) in factors.Skip(1))
        {
            Append(hash, Quantise(r, maximum) * 19 * 19 + Quantise(g, maximum) * 19 + Quantise(b, maximum), 2);
        }

        return hash.ToString();
    }

    private static int Quantise(double value, double maximum)
    {
        var scaled = value / maximum;
        return (int)Math.Max(0, Math.Min(18, Math.Floor(Math.Sign(scaled) * Math.Sqrt(Math.Abs(scaled)) * 9 + 9.5)));
    }

    private static double ToLinear(byte value)
    {
        var v = value / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
    }

    private static int ToSrgb(double value)
    {
        var v = Math.Clamp(value, 0, 1);
        return v <= 0.0031308 ? (int)Math.Truncate(v * 12.92 * 255 + 0.5) : (int)Math.Truncate((1.055 * Math.Pow(v, 1 / 2.4) - 0.055) * 255 + 0.5);
    }

    private static void Append(StringBuilder hash, int value, int length)
    {
        for (var i = 1; i <= length; i++)
        {
            var digit = value / (int)Math.Pow(83, length - i) % 83;
            hash.Append(Digits[digit]);
        }
    }
}
