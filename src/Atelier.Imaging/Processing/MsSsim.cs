using System.Runtime.Intrinsics;
using NetVips;

namespace Atelier.Imaging.Processing;

/// <summary>
/// The multi-scale structural similarity (MS-SSIM, Wang, Simoncelli and Bovik 2003) of two images of the same size, on
/// luminance: SSIM's contrast-structure term at up to four scales (each half the size of the last), the full SSIM at the
/// coarsest, combined with the published scale weights (renormalised to the scales used). 1 is identical.
/// </summary>
/// <remarks>
/// Multi-scale rather than plain SSIM because plain SSIM judges fine texture (grain, foliage, star fields) harshly: it
/// asked quality 95 of a star field that looks right at 85, while MS-SSIM ranks images as eyes do across viewing
/// distances. Windows are 8x8 at a stride of 4 (the square window of the SSIM papers, overlapping so that JPEG's block
/// edges fall inside windows). libvips hands over the resized pixels once; the statistics are plain loops over them
/// (a few hundred thousand pixels), which costs less than the dozens of small libvips operations they would take.
/// </remarks>
internal sealed class MsSsim
{
    /// <summary>The smallest side an image needs for one window at one scale.</summary>
    public const int Smallest = 2 * Cell;

    /// <summary>A window is 2x2 cells of 4x4 pixels; a cell's line of 4 floats is one 128-bit vector.</summary>
    private const int Cell = 4;
    private const int MostScales = 4;
    private const double C1 = 0.01 * 255 * (0.01 * 255);
    private const double C2 = 0.03 * 255 * (0.03 * 255);
    private static readonly double[] PublishedWeights = [0.0448, 0.2856, 0.3001, 0.2363, 0.1333];

    private readonly Reference[] references;
    private readonly double[] weights;

    /// <summary>Prepares the reference: its luminance at each scale, and its 4x4 cells' sums of x and x².</summary>
    public MsSsim(Image reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var count = 1;
        while (count < MostScales && Math.Min(reference.Width, reference.Height) >> count >= Smallest)
        {
            count++;
        }

        var total = PublishedWeights.Take(count).Sum();
        weights = [.. PublishedWeights.Take(count).Select(w => w / total)];
        references = new Reference[count];
        var plane = Plane.Luminance(reference);
        for (var i = 0; i < count; i++)
        {
            references[i] = new Reference(plane);
            plane = i + 1 < count ? plane.Halve() : plane;
        }
    }

    /// <summary>The MS-SSIM of a candidate (the same size as the reference) against the reference.</summary>
    public double Of(Image candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var y = Plane.Luminance(candidate);
        var score = 1.0;
        for (var i = 0; i < references.Length; i++)
        {
            var (similarity, contrastStructure) = references[i].Compare(y);
            score *= Math.Pow(Math.Max(i == references.Length - 1 ? similarity : contrastStructure, 1e-9), weights[i]);
            y = i + 1 < references.Length ? y.Halve() : y;
        }

        return score;
    }

    /// <summary>The reference at one scale: its pixels, and the sums of x and x² over each 4x4 cell.</summary>
    private sealed class Reference
    {
        private readonly Plane x;
        private readonly int columns;
        private readonly int rows;
        private readonly double[] sumX;
        private readonly double[] sumXX;

        public Reference(Plane x)
        {
            this.x = x;
            (columns, rows) = (x.Width / Cell, x.Height / Cell);
            (sumX, sumXX) = (new double[columns * rows], new double[columns * rows]);
            for (int row = 0, cell = 0; row < rows; row++)
            {
                for (var column = 0; column < columns; column++, cell++)
                {
                    Vector128<float> sum = default, squares = default;
                    for (var line = 0; line < Cell; line++)
                    {
                        var a = x.Cell(row, column, line);
                        sum += a;
                        squares += a * a;
                    }

                    (sumX[cell], sumXX[cell]) = (Vector128.Sum(sum), Vector128.Sum(squares));
                }
            }
        }

        /// <summary>The mean SSIM and mean contrast-structure term over the 8x8 windows (stride 4) of this scale.</summary>
        public (double Similarity, double ContrastStructure) Compare(Plane y)
        {
            // The candidate's cell sums of y, y² and xy in one pass, a cell's line at a time; a window is 2x2 cells.
            var sumY = new double[columns * rows];
            var sumYY = new double[columns * rows];
            var sumXY = new double[columns * rows];
            for (int row = 0, cell = 0; row < rows; row++)
            {
                for (var column = 0; column < columns; column++, cell++)
                {
                    Vector128<float> sum = default, squares = default, products = default;
                    for (var line = 0; line < Cell; line++)
                    {
                        var b = y.Cell(row, column, line);
                        sum += b;
                        squares += b * b;
                        products += x.Cell(row, column, line) * b;
                    }

                    (sumY[cell], sumYY[cell], sumXY[cell]) = (Vector128.Sum(sum), Vector128.Sum(squares), Vector128.Sum(products));
                }
            }

            const double pixels = 4 * Cell * Cell;
            double similarity = 0, contrastStructure = 0;
            var windows = 0;
            for (var r = 0; r + 1 < rows; r++)
            {
                for (var c = 0; c + 1 < columns; c++)
                {
                    int i = (r * columns) + c, below = i + columns;
                    double Mean(double[] sums) => (sums[i] + sums[i + 1] + sums[below] + sums[below + 1]) / pixels;
                    double meanX = Mean(sumX), meanY = Mean(sumY);
                    var varianceX = Mean(sumXX) - (meanX * meanX);
                    var varianceY = Mean(sumYY) - (meanY * meanY);
                    var covariance = Mean(sumXY) - (meanX * meanY);
                    var cs = ((2 * covariance) + C2) / (varianceX + varianceY + C2);
                    var luminance = ((2 * meanX * meanY) + C1) / ((meanX * meanX) + (meanY * meanY) + C1);
                    contrastStructure += cs;
                    similarity += luminance * cs;
                    windows++;
                }
            }

            return windows == 0 ? (1, 1) : (similarity / windows, contrastStructure / windows);
        }
    }

    /// <summary>One scale's luminance, row by row.</summary>
    private sealed record Plane(float[] Pixels, int Width, int Height)
    {
        /// <summary>One line of a cell: <see cref="Cell"/> pixels, which is one 128-bit vector of floats.</summary>
        public Vector128<float> Cell(int row, int column, int line) =>
            Vector128.Create<float>(Pixels.AsSpan((((row * MsSsim.Cell) + line) * Width) + (column * MsSsim.Cell), MsSsim.Cell));

        /// <summary>Luma (Rec. 601 weights on the stored values, as SSIM tools use); alpha is left out.</summary>
        public static Plane Luminance(Image image)
        {
            using var eight = image.Format == Enums.BandFormat.Uchar ? image.Copy() : image.Cast(Enums.BandFormat.Uchar);
            var bytes = eight.WriteToMemory<byte>();
            int bands = eight.Bands, count = eight.Width * eight.Height;
            var pixels = new float[count];
            for (int i = 0, p = 0; i < count; i++, p += bands)
            {
                pixels[i] = bands >= 3 ? (0.299f * bytes[p]) + (0.587f * bytes[p + 1]) + (0.114f * bytes[p + 2]) : bytes[p];
            }

            return new Plane(pixels, eight.Width, eight.Height);
        }

        /// <summary>The next scale: each 2x2 block averaged.</summary>
        public Plane Halve()
        {
            int width = Width / 2, height = Height / 2;
            var pixels = new float[width * height];
            for (var row = 0; row < height; row++)
            {
                var above = 2 * row * Width;
                var below = above + Width;
                for (var column = 0; column < width; column++)
                {
                    var c = 2 * column;
                    pixels[(row * width) + column] = (Pixels[above + c] + Pixels[above + c + 1] + Pixels[below + c] + Pixels[below + c + 1]) / 4;
                }
            }

            return new Plane(pixels, width, height);
        }
    }
}
