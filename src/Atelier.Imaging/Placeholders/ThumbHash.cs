namespace Atelier.Imaging.Placeholders;

/// <summary>
/// ThumbHash (Evan Wallace, 2023): an image of at most 100x100 as a few dozen bytes. The picture is composited on its
/// average colour and turned into a luminance channel, two colour-difference channels (and alpha, when there is any),
/// each kept as the lowest cosine-transform terms: a constant, and a few varying ones normalised to their largest and
/// stored in four bits. A header keeps the constants, the scales, the aspect ratio and whether alpha follows.
/// Checked against the reference implementation's output (the npm package thumbhash) on the same pixels.
/// </summary>
internal static class ThumbHash
{
    /// <summary>Encodes <paramref name="rgba"/> (width x height pixels, 8 bits per channel, not premultiplied).</summary>
    public static byte[] Encode(int width, int height, byte[] rgba)
    {
        if (width > 100 || height > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height}: a ThumbHash is made from at most 100x100 pixels.");
        }

        var count = width * height;
        double averageR = 0, averageG = 0, averageB = 0, averageA = 0;
        for (var i = 0; i < count; i++)
        {
            var alpha = rgba[4 * i + 3] / 255.0;
            averageR += alpha / 255 * rgba[4 * i];
            averageG += alpha / 255 * rgba[4 * i + 1];
            averageB += alpha / 255 * rgba[4 * i + 2];
            averageA += alpha;
        }

        if (averageA > 0)
        {
            (averageR, averageG, averageB) = (averageR / averageA, averageG / averageA, averageB / averageA);
        }

        var hasAlpha = averageA < count;
        var limit = hasAlpha ? 5 : 7;
        var longest = Math.Max(width, height);
        var lx = Math.Max(1, (int)Math.Round((double)limit * width / longest, MidpointRounding.AwayFromZero));
        var ly = Math.Max(1, (int)Math.Round((double)limit * height / longest, MidpointRounding.AwayFromZero));

        // Composited on the average colour, as luminance, two colour differences, and alpha.
        var l = new double[count];
        var p = new double[count];
        var q = new double[count];
        var a = new double[count];
        for (var i = 0; i < count; i++)
        {
            var alpha = rgba[4 * i + 3] / 255.0;
            var r = averageR * (1 - alpha) + alpha / 255 * rgba[4 * i];
            var g = averageG * (1 - alpha) + alpha / 255 * rgba[4 * i + 1];
            var b = averageB * (1 - alpha) + alpha / 255 * rgba[4 * i + 2];
            (l[i], p[i], q[i], a[i]) = ((r + g + b) / 3, (r + g) / 2 - b, r - g, alpha);
        }

        var (lDc, lAc, lScale) = Channel(l, width, height, Math.Max(3, lx), Math.Max(3, ly));
        var (pDc, pAc, pScale) = Channel(p, width, height, 3, 3);
        var (qDc, qAc, qScale) = Channel(q, width, height, 3, 3);
        var (aDc, aAc, aScale) = hasAlpha ? Channel(a, width, height, 5, 5) : (0, [], 0);

        var landscape = width > height;
        var header24 = Round(63 * lDc) | (Round(31.5 + 31.5 * pDc) << 6) | (Round(31.5 + 31.5 * qDc) << 12) | (Round(31 * lScale) << 18) | ((hasAlpha ? 1 : 0) << 23);
        var header16 = (landscape ? ly : lx) | (Round(63 * pScale) << 3) | (Round(63 * qScale) << 9) | ((landscape ? 1 : 0) << 15);
        var terms = hasAlpha ? new[] { lAc, pAc, qAc, aAc } : [lAc, pAc, qAc];
        var start = hasAlpha ? 6 : 5;
        var hash = new byte[start + (terms.Sum(t => t.Length) + 1) / 2];
        hash[0] = (byte)(header24 & 255);
        hash[1] = (byte)((header24 >> 8) & 255);
        hash[2] = (byte)(header24 >> 16);
        hash[3] = (byte)(header16 & 255);
        hash[4] = (byte)(header16 >> 8);
        if (hasAlpha)
        {
            hash[5] = (byte)(Round(15 * aDc) | (Round(15 * aScale) << 4));
        }

        var index = 0;
        foreach (var term in terms.SelectMany(t => t))
        {
            hash[start + (index >> 1)] |= (byte)(Round(15 * term) << ((index & 1) << 2));
            index++;
        }

        return hash;
    }

    /// <summary>A channel's cosine-transform terms over a triangle of nx by ny: the constant, the varying ones in [0, 1], and their scale.</summary>
    private static (double Dc, double[] Ac, double Scale) Channel(double[] channel, int width, int height, int nx, int ny)
    {
        double dc = 0, scale = 0;
        var ac = new List<double>();
        var fx = new double[width];
        for (var cy = 0; cy < ny; cy++)
        {
            for (var cx = 0; cx * ny < nx * (ny - cy); cx++)
            {
                for (var x = 0; x < width; x++)
                {
                    fx[x] = Math.Cos(Math.PI / width * cx * (x + 0.5));
                }

                double f = 0;
                for (var y = 0; y < height; y++)
                {
                    var fy = Math.Cos(Math.PI / height * cy * (y + 0.5));
                    for (var x = 0; x < width; x++)
                    {
                        f += channel[x + y * width] * fx[x] * fy;
                    }
                }

                f /= width * height;
                if (cx > 0 || cy > 0)
                {
                    ac.Add(f);
                    scale = Math.Max(scale, Math.Abs(f));
                }
                else
                {
                    dc = f;
                }
            }
        }

        if (scale > 0)
        {
            for (var i = 0; i < ac.Count; i++)
            {
                ac[i] = 0.5 + 0.5 / scale * ac[i];
            }
        }

        return (dc, [.. ac], scale);
    }

    /// <summary>JavaScript's Math.round: halves up.</summary>
    private static int Round(double value) => (int)Math.Floor(value + 0.5);
}
