namespace Atelier.Imaging.Processing;

/// <summary>
/// The highest encoder quality whose output fits a byte budget, between a floor and the quality chosen without one.
/// </summary>
/// <remarks>
/// Bytes grow about exponentially with the quality, faster towards the top (ln(bytes) is a convex curve, steepest for
/// AVIF). So the first try predicts the quality that just fits from the over-budget choice with the format's slope
/// there; later tries interpolate ln(bytes) between the closest fitting and overflowing qualities
/// (Illinois' regula falsi), or extrapolate with the slope the tries so far show. The floor is encoded only when the
/// tries reach it. Measured on the photo corpus: bench/resize/budget.sh.
/// </remarks>
internal static class BudgetSearch
{
    /// <summary>
    /// The change of ln(bytes) a quality step near the top of the range, where the search starts: measured on the photo
    /// corpus at 1600x1200 from quality 85 down (bytes grow faster the higher the quality, and fastest for AVIF).
    /// </summary>
    public static double SlopeOf(ImageFormat format) => format switch
    {
        ImageFormat.WebP => 0.06,
        ImageFormat.Avif => 0.07,
        _ => 0.03,
    };

    /// <summary>The highest quality from <paramref name="floor"/> below the over-budget <paramref name="over"/> that fits, or null when even the floor does not.</summary>
    /// <param name="over">The choice without a budget, whose bytes are over it.</param>
    /// <param name="budget">The most bytes.</param>
    /// <param name="floor">The lowest quality allowed.</param>
    /// <param name="slope">The typical change of ln(bytes) a quality step for this format (<see cref="SlopeOf"/>).</param>
    /// <param name="encode">Encodes at a quality.</param>
    /// <param name="lowest">The floor's encoding, when nothing fit: how far over it is.</param>
    public static (int Quality, byte[] Bytes)? Fit(QualityChoice over, long budget, int floor, double slope, Func<int, byte[]> encode, out byte[] lowest)
    {
        lowest = over.Bytes;
        if (over.Quality <= floor)
        {
            return null;
        }

        // In ln(bytes / budget): negative fits, positive overflows. The search keeps the closest of each.
        var target = Math.Log(budget);
        var high = (Quality: over.Quality, Excess: Math.Log(over.Bytes.Length) - target);
        (int Quality, double Excess, byte[] Bytes)? low = null;
        var lastSide = 0;
        (int Quality, double Excess)? previousHigh = null;
        while (low is not { } fit || high.Quality - fit.Quality > 1)
        {
            int quality;
            if (low is { } below)
            {
                // Regula falsi, Illinois style: the side kept twice in a row counts half, so the bracket closes from
                // both ends even where the curve bends.
                quality = below.Quality + (int)Math.Round(-below.Excess / (high.Excess - below.Excess) * (high.Quality - below.Quality));
            }
            else
            {
                // Only overflowing tries so far: extrapolate down with the slope they show (or the format's). Aiming
                // a step lower still, as this did, cost more tries than it saved: simulated on the corpus' JPEG
                // curves (every quality from 20 to 95, 4:2:0 and 4:4:4, budgets of 60 to 300 kB), 3.8 tries on
                // average against 3.9.
                var seen = previousHigh is { } before && before.Quality != high.Quality
                    ? Math.Clamp((before.Excess - high.Excess) / (before.Quality - high.Quality), 0.005, 0.3)
                    : slope;
                quality = high.Quality - (int)Math.Ceiling(high.Excess / seen);
            }

            quality = Math.Clamp(quality, low is { } l ? l.Quality + 1 : floor, high.Quality - 1);
            var bytes = encode(quality);
            var excess = Math.Log(bytes.Length) - target;
            if (bytes.Length <= budget)
            {
                low = (quality, excess, bytes);
                if (lastSide == -1)
                {
                    high = (high.Quality, high.Excess / 2);
                }

                lastSide = -1;
            }
            else if (quality == floor)
            {
                lowest = bytes;
                return null;
            }
            else
            {
                (previousHigh, high) = ((high.Quality, high.Excess), (quality, excess));
                if (lastSide == 1 && low is { } kept)
                {
                    low = (kept.Quality, kept.Excess / 2, kept.Bytes);
                }

                lastSide = 1;
            }
        }

        return (low.Value.Quality, low.Value.Bytes);
    }
}
