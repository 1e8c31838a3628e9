using Atelier.Imaging.Processing;
using Atelier.Tests.Support;
using NetVips;

namespace Atelier.Imaging.Tests;

/// <summary>--quality auto: the quality each image needs to keep a perceptual target, and what it reports.</summary>
public sealed class AutoQualityTests
{
    private const double Target = 0.995;

    [Fact]
    public async Task Auto_FlatImageGetsALowerQualityThanANoisyOne_AndEveryOutputMeetsTheTarget()
    {
        using var input = new TempFolder();
        using var output = new TempFolder();
        var flat = Images.Jpeg(input.Path, "flat.jpg", 640, 480);
        var noisy = Noisy(input.Path, "noisy.jpg", 640, 480);

        var results = await ResizeRun.RunAsync(
            new ResizeOptions { OutputDirectory = output.Path, Sizes = [new BoxSize(320, 320)], QualityTarget = Target, Concurrency = 2 }, flat, noisy);

        var (flatOut, noisyOut) = (Assert.Single(results[0].Outputs), Assert.Single(results[1].Outputs));
        Assert.True(flatOut.Quality < noisyOut.Quality, $"flat q{flatOut.Quality}, noisy q{noisyOut.Quality}");
        Assert.InRange(flatOut.Quality!.Value, QualitySearch.Lowest, QualitySearch.Highest);

        // Checked apart from the search: the same resize saved losslessly is the reference the output must stay near.
        var lossless = await ResizeRun.RunAsync(
            new ResizeOptions { OutputDirectory = output.Path, Sizes = [new BoxSize(320, 320)], Formats = [ImageFormat.Png], NameTemplate = "ref_{name}{ext}" }, flat, noisy);
        foreach (var (made, reference) in new[] { (flatOut, lossless[0].Outputs[0]), (noisyOut, lossless[1].Outputs[0]) })
        {
            using var pixels = Image.NewFromFile(reference.Path);
            var ssim = new MsSsim(pixels);
            using var decoded = Image.NewFromFile(made.Path);
            var score = ssim.Of(decoded);
            Assert.True(score >= Target, $"{made.Path}: MS-SSIM {score:0.0000} under {Target}");
            Assert.Equal(score, made.Score!.Value, precision: 4);

            // Written as small as that quality allows: progressive, as mozjpeg writes by default.
            Assert.Equal(1, decoded.Contains("interlaced") ? (int)decoded.Get("interlaced") : 0);
        }
    }

    [Fact]
    public async Task FixedQuality_IsReportedWithoutAScore()
    {
        using var input = new TempFolder();
        using var output = new TempFolder();
        var image = Images.Jpeg(input.Path, "fixed.jpg", 200, 100);

        var result = Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { OutputDirectory = output.Path, Sizes = [new BoxSize(64, 64)], Quality = 70 }, image));

        Assert.Equal((70, (double?)null), (result.Outputs[0].Quality, result.Outputs[0].Score));
        using var decoded = Image.NewFromFile(result.Outputs[0].Path);
        Assert.False(decoded.Contains("interlaced"), "a fixed quality keeps libvips' baseline JPEG");
    }

    [Fact]
    public void MsSsim_IsOneForTheSameImageAndFallsAsNoiseIsAdded()
    {
        using var picture = Images.Picture(256, 192);
        var ssim = new MsSsim(picture);
        using var little = AddNoise(picture, 4);
        using var more = AddNoise(picture, 16);

        Assert.Equal(1.0, ssim.Of(picture), precision: 6);
        var (slightly, badly) = (ssim.Of(little), ssim.Of(more));
        Assert.InRange(slightly, 0.5, 0.9999);
        Assert.True(badly < slightly, $"{badly} should be under {slightly}");
    }

    [Fact]
    public void Resizer_TargetOutsideZeroToOne_IsRefused() =>
        Assert.Equal(
            "The quality target 1.5 must be an MS-SSIM between 0 and 1, such as 0.995.",
            Assert.Throws<AtelierException>(() => new Resizer(new ResizeOptions { QualityTarget = 1.5 })).Message);

    private static string Noisy(string folder, string name, int width, int height)
    {
        using var picture = Images.Picture(width, height);
        using var noisy = AddNoise(picture, 40);
        var path = Path.Combine(folder, name);
        noisy.Jpegsave(path, q: 95);
        return path;
    }

    private static Image AddNoise(Image image, double sigma)
    {
        using var noise = Image.Gaussnoise(image.Width, image.Height, sigma: sigma, mean: 0, seed: 7);
        using var sum = image.Cast(Enums.BandFormat.Float) + noise;
        return sum.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }
}
