using NetVips;

namespace Atelier.Imaging.Processing;

/// <summary>
/// A low encoder quality whose decoded output stays within a perceptual distance of the image: at most
/// <see cref="MostTries"/> candidates between <see cref="Lowest"/> and <see cref="Highest"/>, each encoded in memory,
/// decoded and scored with <see cref="MsSsim"/> against the resized pixels (never against the source).
/// </summary>
/// <remarks>
/// On photographs the log of the MS-SSIM's distance from 1 falls about linearly with the quality (measured on the
/// scikit-image and EXIF photographs and the synthetic corpus: slopes of -0.048 to -0.055 a quality step). So the first
/// try at <see cref="FirstTry"/> predicts the quality that just reaches the target with the typical slope; later tries
/// interpolate between the closest passing and failing qualities on that scale, until they are within
/// <see cref="Tolerance"/> of each other. Three tries usually settle it. The same image always gets the same quality.
/// </remarks>
internal static class QualitySearch
{
    /// <summary>The lowest quality tried: below it JPEG's blocks show in gradients whatever MS-SSIM says.</summary>
    public const int Lowest = 40;

    /// <summary>The highest quality tried; an image that does not reach the target there gets it anyway.</summary>
    public const int Highest = 95;

    /// <summary>Where the search starts.</summary>
    public const int FirstTry = 80;

    /// <summary>The most candidates encoded for one output.</summary>
    public const int MostTries = 4;

    /// <summary>How far above the lowest passing quality the chosen one may be.</summary>
    public const int Tolerance = 3;

    /// <summary>The typical change of ln(1 - MS-SSIM) per quality step.</summary>
    private const double TypicalSlope = -0.05;

    /// <summary>Encodes the image at a low quality that scores at least <paramref name="target"/>.</summary>
    /// <param name="image">The resized image, as it will be encoded.</param>
    /// <param name="target">The MS-SSIM to reach, such as 0.995.</param>
    /// <param name="encode">Encodes the image at a quality.</param>
    public static QualityChoice Find(Image image, double target, Func<int, byte[]> encode)
    {
        var reference = new MsSsim(image);
        QualityChoice? pass = null;
        QualityChoice? fail = null;
        var quality = FirstTry;
        for (var tries = 0; tries < MostTries; tries++)
        {
            var candidate = Score(reference, quality, encode(quality));
            if (candidate.Score >= target)
            {
                pass = pass is null || candidate.Quality < pass.Quality ? candidate : pass;
            }
            else
            {
                fail = fail is null || candidate.Quality > fail.Quality ? candidate : fail;
            }

            if (Next(pass, fail, target) is not { } next)
            {
                break;
            }

            quality = next;
        }

        return pass ?? Score(reference, Highest, encode(Highest));
    }

    /// <summary>The next quality to try, or null when the search is done.</summary>
    private static int? Next(QualityChoice? pass, QualityChoice? fail, double target)
    {
        var goal = Distance(target);
        switch (pass, fail)
        {
            case (null, { } failed):
                // Aim just past the predicted quality, to get one that passes.
                return failed.Quality >= Highest ? null
                    : Math.Clamp(Predict(failed, goal, TypicalSlope) + 1, failed.Quality + 1, Highest);
            case ({ } passed, null):
                // Aim just under it, to get one that fails (or a lower one that passes).
                return passed.Quality <= Lowest ? null
                    : Math.Clamp(Predict(passed, goal, TypicalSlope) - 1, Lowest, passed.Quality - 1);
            case ({ } passed, { } failed) when passed.Quality - failed.Quality > Tolerance:
                var slope = (Distance(passed.Score) - Distance(failed.Score)) / (passed.Quality - failed.Quality);
                return Math.Clamp(Predict(failed, goal, slope < 0 ? slope : TypicalSlope), failed.Quality + 1, passed.Quality - 1);
            default:
                return null;
        }
    }

    /// <summary>The quality at which the line through <paramref name="from"/> with this slope reaches the goal.</summary>
    private static int Predict(QualityChoice from, double goal, double slope) =>
        from.Quality + (int)Math.Ceiling((goal - Distance(from.Score)) / slope);

    /// <summary>ln(1 - MS-SSIM): about linear in the quality.</summary>
    private static double Distance(double score) => Math.Log(Math.Max(1 - score, 1e-6));

    private static QualityChoice Score(MsSsim reference, int quality, byte[] bytes)
    {
        using var decoded = Image.NewFromBuffer(bytes, failOn: Enums.FailOn.Error);
        return new QualityChoice(quality, reference.Of(decoded), bytes);
    }
}
