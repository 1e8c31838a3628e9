using NetVips;

namespace Atelier.Imaging.Processing;

/// <summary>
/// The structural similarity (SSIM, Wang et al. 2004) of two images of the same size, on luminance: local means,
/// variances and covariance over 8x8 windows at a stride of 4 (the square window of the SSIM papers, overlapping so that
/// JPEG's block edges fall inside windows), the constants for 8-bit data, averaged over the image. 1 is identical.
/// </summary>
/// <remarks>
/// Window sums come from libvips' box shrink (4x4 cells) and a 2x2 sum of cells, not a Gaussian blur per statistic:
/// a few times cheaper at the same ranking of candidates, which is what a quality search needs. All of it is libvips
/// arithmetic on the (small) resized pixels.
/// </remarks>
internal sealed class Ssim : IDisposable
{
    /// <summary>The smallest side an image needs for one window.</summary>
    public const int Smallest = 2 * Cell;

    private const int Cell = 4;
    private const double C1 = 0.01 * 255 * (0.01 * 255);
    private const double C2 = 0.03 * 255 * (0.03 * 255);

    private readonly Image x;
    private readonly Image meanX;
    private readonly Image varianceX;

    /// <summary>Prepares the reference: its luminance, local means and variances, computed once for every candidate.</summary>
    public Ssim(Image reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        x = Luminance(reference, copy: true);
        using var meanOfX = Blur(x);
        meanX = meanOfX.CopyMemory();
        using var squares = x.Multiply(x);
        using var meanOfSquares = Blur(squares);
        using var squaredMean = meanX.Multiply(meanX);
        using var variance = meanOfSquares.Subtract(squaredMean);
        varianceX = variance.CopyMemory();
    }

    /// <summary>The SSIM of a candidate (the same size as the reference) against the reference.</summary>
    public double Of(Image candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);

        // The candidate's luminance once, then its three window statistics in one pass (a 3-band image): mean of y,
        // of y squared, of x times y. The rest is arithmetic on the windows (1/16 of the pixels).
        using var y = Luminance(candidate, copy: true);
        using var ySquares = y.Multiply(y);
        using var products = x.Multiply(y);
        using var joined = y.Bandjoin(ySquares, products);
        using var blurred = Blur(joined);
        using var windows = blurred.CopyMemory();
        using var meanY = windows.ExtractBand(0);
        using var meanOfYSquares = windows.ExtractBand(1);
        using var meanOfProducts = windows.ExtractBand(2);

        using var squaredMeanY = meanY.Multiply(meanY);
        using var varianceY = meanOfYSquares.Subtract(squaredMeanY);
        using var meanProduct = meanX.Multiply(meanY);
        using var covariance = meanOfProducts.Subtract(meanProduct);
        using var squaredMeanX = meanX.Multiply(meanX);
        using var twiceMeans = meanProduct.Linear([2.0], [C1]);
        using var twiceCovariance = covariance.Linear([2.0], [C2]);
        using var top = twiceMeans.Multiply(twiceCovariance);
        using var meansSum = squaredMeanX.Add(squaredMeanY);
        using var meansTerm = meansSum.Linear([1.0], [C1]);
        using var variancesSum = varianceX.Add(varianceY);
        using var variancesTerm = variancesSum.Linear([1.0], [C2]);
        using var bottom = meansTerm.Multiply(variancesTerm);
        using var map = top.Divide(bottom);
        return map.Avg();
    }

    public void Dispose()
    {
        x.Dispose();
        meanX.Dispose();
        varianceX.Dispose();
    }

    /// <summary>Luma (Rec. 601 weights on the stored values, as SSIM tools use) as float; alpha is left out.</summary>
    private static Image Luminance(Image image, bool copy)
    {
        using var colour = image.HasAlpha() ? image.ExtractBand(0, n: image.Bands - 1) : image.Copy();
        using var rgb = colour.Bands >= 3 ? colour.ExtractBand(0, n: 3) : null;
        using var luma = rgb is not null
            ? rgb.Recomb(Image.NewFromArray(new[,] { { 0.299, 0.587, 0.114 } }))
            : colour.ExtractBand(0);
        using var single = luma.Cast(Enums.BandFormat.Float);
        return copy ? single.CopyMemory() : single.Copy();
    }

    /// <summary>Each 8x8 window's mean, for windows every 4 pixels: the means of 4x4 cells, then of 2x2 cells.</summary>
    private static Image Blur(Image image)
    {
        using var cells = image.Shrink(Cell, Cell);
        return cells.Conv(Image.NewFromArray(new[,] { { 0.25, 0.25 }, { 0.25, 0.25 } }), precision: Enums.Precision.Float);
    }
}
