namespace Atelier.Imaging.Processing;

/// <summary>
/// The highest encoder quality whose output fits a byte budget, between a floor and a ceiling (the quality asked for,
/// or the one chosen without a budget).
/// </summary>
/// <remarks>
/// A bracket search on ln(bytes), which is about linear in the quality, steeper towards the top (steepest for AVIF).
/// It starts at a guess: the quality the last image of the same size and format got (a batch's photos are alike), or
/// the ceiling for the first. From one side of the budget it steps towards the other with the format's slope; once it
/// has a quality that fits and one that does not, it interpolates between the closest of each (Illinois' regula
/// falsi), until they are one apart. The floor is encoded only when the tries reach it. Measured on the photo corpus:
/// bench/resize/budget.sh; simulated on its JPEG curves (every quality from 20 to 95, 4:2:0 and 4:4:4, budgets of 60
/// to 300 kB), starting from the last image's answer takes 3.0 to 3.6 tries an image against 3.5 to 4.1 from the ceiling.
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

    /// <summary>The highest quality from <paramref name="floor"/> to <paramref name="ceiling"/> that fits, or null when even the floor does not.</summary>
    /// <param name="ceiling">The highest quality allowed.</param>
    /// <param name="atCeiling">The ceiling's encoding when it is known already (and over the budget).</param>
    /// <param name="budget">The most bytes.</param>
    /// <param name="floor">The lowest quality allowed.</param>
    /// <param name="slope">The typical change of ln(bytes) a quality step for this format (<see cref="SlopeOf"/>).</param>
    /// <param name="guess">Where to start (the ceiling when null).</param>
    /// <param name="encode">Encodes at a quality.</param>
    /// <param name="lowest">The floor's encoding, when nothing fit: how far over it is.</param>
    public static (int Quality, byte[] Bytes)? Fit(int ceiling, byte[]? atCeiling, long budget, int floor, double slope, int? guess, Func<int, byte[]> encode, out byte[] lowest)
    {
        // In ln(bytes / budget): at most 0 fits, above overflows. The search keeps the closest try on each side.
        var target = Math.Log(budget);
        (int Quality, double Excess, byte[] Bytes)? low = null;
        (int Quality, double Excess)? high = atCeiling is null ? null : (ceiling, Math.Log(atCeiling.Length) - target);
        (int Quality, double Excess)? previousHigh = null;
        var lastSide = 0;
        lowest = atCeiling ?? [];
        // A ceiling under the floor (--quality 20 --min-quality 30) is the one quality to try.
        floor = Math.Min(floor, ceiling);
        if (high is { } top && top.Quality <= floor)
        {
            return null;
        }

        var quality = Math.Clamp(guess ?? ceiling, floor, high is { } known ? known.Quality - 1 : ceiling);

        while (true)
        {
            var bytes = encode(quality);
            var excess = Math.Log(bytes.Length) - target;
            if (bytes.Length <= budget)
            {
                low = (quality, excess, bytes);
                if (lastSide == -1 && high is { } kept)
                {
                    // Illinois: the side kept twice in a row counts half, so the bracket closes from both ends.
                    high = (kept.Quality, kept.Excess / 2);
                }

                lastSide = -1;
            }
            else
            {
                if (quality == floor)
                {
                    lowest = bytes;
                    return null;
                }

                (previousHigh, high) = (high, (quality, excess));
                if (lastSide == 1 && low is { } kept)
                {
                    low = (kept.Quality, kept.Excess / 2, kept.Bytes);
                }

                lastSide = 1;
            }

            if (low is { } fit && (fit.Quality == ceiling || (high is { } over && over.Quality - fit.Quality == 1)))
            {
                return (fit.Quality, fit.Bytes);
            }

            quality = Next(low, high, previousHigh, slope);
            quality = Math.Clamp(quality, low is { } l ? l.Quality + 1 : floor, high is { } h ? h.Quality - 1 : ceiling);
        }
    }

    /// <summary>The next quality to try, before it is kept between the bracket's ends.</summary>
    private static int Next((int Quality, double Excess, byte[] Bytes)? low, (int Quality, double Excess)? high, (int Quality, double Excess)? previousHigh, double slope)
    {
        if (low is { } below && high is { } above)
        {
            return below.Quality + (int)Math.Round(-below.Excess / (above.Excess - below.Excess) * (above.Quality - below.Quality));
        }

        if (low is { } fits)
        {
            // Only fitting tries: step up as far as the slope says the budget allows, at least one.
            return fits.Quality + Math.Max(1, (int)Math.Floor(-fits.Excess / slope));
        }

        // Only overflowing tries: extrapolate down with the slope they show (or the format's).
        var over = high!.Value;
        var seen = previousHigh is { } before && before.Quality != over.Quality
            ? Math.Clamp((before.Excess - over.Excess) / (before.Quality - over.Quality), 0.005, 0.3)
            : slope;
        return over.Quality - Math.Max(1, (int)Math.Ceiling(over.Excess / seen));
    }
}
