namespace Atelier.Imaging.Processing;

/// <summary>
/// The highest encoder quality whose output fits a byte budget, between a floor and the quality chosen without one.
/// </summary>
/// <remarks>
/// Bytes grow about exponentially with the quality (ln(bytes) about linear: JPEG, WebP and AVIF alike, with slopes
/// near <see cref="TypicalSlope"/> a step on photographs). So the first try predicts the quality that just fits from
/// the over-budget choice with the typical slope, aiming a step low; later tries interpolate ln(bytes) between the
/// closest fitting and overflowing qualities, or extrapolate with the slope the tries so far show, and halve the
/// interval when one side has not moved for two tries. The floor is encoded only when the tries reach it. Measured
/// on the photo corpus: bench/resize/budget.sh.
/// </remarks>
internal static class BudgetSearch
{
    /// <summary>The typical change of ln(bytes) per quality step.</summary>
    private const double TypicalSlope = 0.035;

    /// <summary>The highest quality from <paramref name="floor"/> below the over-budget <paramref name="over"/> that fits, or null when even the floor does not.</summary>
    /// <param name="over">The choice without a budget, whose bytes are over it.</param>
    /// <param name="budget">The most bytes.</param>
    /// <param name="floor">The lowest quality allowed.</param>
    /// <param name="encode">Encodes at a quality.</param>
    /// <param name="lowest">The floor's encoding, when nothing fit: how far over it is.</param>
    public static (int Quality, byte[] Bytes)? Fit(QualityChoice over, long budget, int floor, Func<int, byte[]> encode, out byte[] lowest)
    {
        lowest = over.Bytes;
        var high = (Quality: over.Quality, Bytes: (double)over.Bytes.Length);
        if (high.Quality <= floor)
        {
            return null;
        }

        (int Quality, byte[] Bytes)? low = null;
        var target = Math.Log(budget);
        var (lowMoves, highMoves) = (0, 0);
        (int Quality, double Bytes)? previousHigh = null;
        while (low is not { } fit || high.Quality - fit.Quality > 1)
        {
            int quality;
            if (lowMoves >= 2 || highMoves >= 2)
            {
                // One side keeps moving: halve what is left.
                quality = ((low?.Quality ?? floor) + high.Quality) / 2;
                (lowMoves, highMoves) = (0, 0);
            }
            else if (low is { } below)
            {
                var share = (target - Math.Log(below.Bytes.Length)) / (Math.Log(high.Bytes) - Math.Log(below.Bytes.Length));
                quality = below.Quality + (int)Math.Round(share * (high.Quality - below.Quality));
            }
            else
            {
                // Only overflowing tries so far: extrapolate down with the slope they show (or the typical one), a step low.
                var slope = previousHigh is { } before && before.Quality != high.Quality
                    ? Math.Clamp((Math.Log(before.Bytes) - Math.Log(high.Bytes)) / (before.Quality - high.Quality), 0.005, 0.2)
                    : TypicalSlope;
                quality = high.Quality + (int)Math.Floor((target - Math.Log(high.Bytes)) / slope) - 1;
            }

            quality = Math.Clamp(quality, low is { } l ? l.Quality + 1 : floor, high.Quality - 1);
            var bytes = encode(quality);
            if (bytes.Length <= budget)
            {
                low = (quality, bytes);
                (lowMoves, highMoves) = (lowMoves + 1, 0);
            }
            else if (quality == floor)
            {
                lowest = bytes;
                return null;
            }
            else
            {
                (previousHigh, high) = (high, (quality, bytes.Length));
                (lowMoves, highMoves) = (0, highMoves + 1);
            }
        }

        return low;
    }
}
