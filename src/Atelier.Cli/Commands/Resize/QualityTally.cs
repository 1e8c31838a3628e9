using System.Globalization;
using Atelier.Imaging;

namespace Atelier.Cli.Commands.Resize;

/// <summary>
/// What <c>--quality auto</c> chose over a run, in bounded memory: counts per quality (1 to 100) and per MS-SSIM step of
/// 0.0001, enough for the range and the medians of any number of images.
/// </summary>
/// <param name="label">What chose the qualities: "quality auto", or "the budget".</param>
internal sealed class QualityTally(string label)
{
    private const int ScoreSteps = 10_000;
    private readonly long[] qualities = new long[101];
    private readonly long[] scores = new long[ScoreSteps + 1];
    private long count;

    public void Add(ResizeResult result)
    {
        foreach (var output in result.Outputs)
        {
            if (output is { Quality: { } quality, Score: { } score })
            {
                qualities[Math.Clamp(quality, 0, 100)]++;
                scores[(int)Math.Clamp(Math.Floor(score * ScoreSteps), 0, ScoreSteps)]++;
                count++;
            }
        }
    }

    /// <summary>"quality auto over 96 outputs: q 41-88 (median 63), MS-SSIM min 0.9951, median 0.9962"; null when none was chosen.</summary>
    public string? Describe()
    {
        if (count == 0)
        {
            return null;
        }

        var lowest = Array.FindIndex(qualities, n => n > 0);
        var highest = Array.FindLastIndex(qualities, n => n > 0);
        var minScore = (double)Array.FindIndex(scores, n => n > 0) / ScoreSteps;
        return string.Create(CultureInfo.InvariantCulture,
            $"{label} over {count:N0} {(count == 1 ? "output" : "outputs")}: q {lowest}-{highest} (median {Median(qualities)}), MS-SSIM min {minScore:0.0000}, median {(double)Median(scores) / ScoreSteps:0.0000}");
    }

    private int Median(long[] histogram)
    {
        var half = (count + 1) / 2;
        long seen = 0;
        for (var i = 0; i < histogram.Length; i++)
        {
            seen += histogram[i];
            if (seen >= half)
            {
                return i;
            }
        }

        return histogram.Length - 1;
    }
}
