using Atelier.Tests.Support;
using NetVips;

namespace Atelier.Imaging.Tests;

/// <summary>A byte budget per output: the highest quality that fits, shrinking when asked, failing with the figures otherwise.</summary>
public sealed class BudgetTests
{
    [Theory]
    [InlineData(ImageFormat.Jpeg, 30_000)]
    [InlineData(ImageFormat.WebP, 20_000)]
    [InlineData(ImageFormat.Avif, 12_000)]
    public async Task Budget_EachLossyOutputFits_AtTheHighestQualityThatDoes(ImageFormat format, long budget)
    {
        using var folder = new TempFolder();
        var input = Busy(folder.Path, "busy.png", 800, 600);
        var options = new ResizeOptions { Sizes = [new BoxSize(640, 640)], Formats = [format], MaxBytes = budget };

        var output = Assert.Single(Assert.Single(await ResizeRun.RunAsync(options, input)).Outputs);
        var written = new FileInfo(output.Path).Length;
        var over = Assert.Single(Assert.Single(await ResizeRun.RunAsync(options with { MaxBytes = null, Quality = output.Quality!.Value + 1, Force = true }, input)).Outputs);

        Assert.InRange(output.Bytes, 1, budget);
        Assert.Equal(output.Bytes, written);
        Assert.InRange(output.Quality!.Value, 30, 84);
        Assert.True(over.Bytes > budget, $"quality {output.Quality + 1} gives {over.Bytes} bytes: a higher quality would have fitted");
        Assert.InRange(output.Encodes, 2, 9);
        Assert.NotNull(output.Score);
    }

    [Fact]
    public async Task Budget_TheNextImageOfABatch_StartsWhereTheLastLanded()
    {
        // Two copies of one picture, one after the other: the second's search starts at the first's answer, so it
        // takes two encodes (that quality fits, the next does not) to land on the same quality.
        using var folder = new TempFolder();
        Busy(folder.Path, "a.png", 800, 600);
        File.Copy(Path.Combine(folder.Path, "a.png"), Path.Combine(folder.Path, "b.png"));
        var options = new ResizeOptions { Sizes = [new BoxSize(640, 640)], Formats = [ImageFormat.Jpeg], MaxBytes = 30_000, Concurrency = 1 };

        var results = await ResizeRun.RunAsync(options, folder.Path);

        var (first, second) = (Assert.Single(results[0].Outputs), Assert.Single(results[1].Outputs));
        Assert.Equal(first.Quality, second.Quality);
        Assert.True(first.Encodes > 2, $"the first took {first.Encodes} encodes");
        Assert.Equal(2, second.Encodes);
    }

    [Fact]
    public async Task Budget_OnAJpegWithFullChroma_KeepsItFull_AsImageMagicksExtentDoes()
    {
        using var folder = new TempFolder();
        var full = Images.Jpeg(folder.Path, "full.jpg", 1200, 800);
        using (var source = Image.NewFromFile(full))
        {
            Assert.Equal("4:4:4", (string)source.Get("jpeg-chroma-subsample"));
        }

        var budgeted = Assert.Single(Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { MaxBytes = 20_000, NameTemplate = "b_{name}{ext}" }, full)).Outputs);
        var plain = Assert.Single(Assert.Single(await ResizeRun.RunAsync(new ResizeOptions(), full)).Outputs);

        using var withBudget = Image.NewFromFile(budgeted.Path);
        using var without = Image.NewFromFile(plain.Path);
        Assert.Equal("4:4:4", (string)withBudget.Get("jpeg-chroma-subsample"));
        Assert.Equal("4:2:0", (string)without.Get("jpeg-chroma-subsample"));
    }

    [Fact]
    public async Task Budget_BelowAnyOutput_FailsTheImageWithTheFigures_AndWritesNothing()
    {
        using var folder = new TempFolder();
        var input = Busy(folder.Path, "busy.png", 800, 600);

        var result = Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { Formats = [ImageFormat.Jpeg], MaxBytes = 10 }, input));

        Assert.Equal(ResizeStatus.Failed, result.Status);
        Assert.Matches(@"^over the 0 kB budget at quality 30 \(\d+(\.\d)? kB\)$", result.Reason);
        Assert.Empty(Directory.GetFiles(Path.Combine(folder.Path, "resized"), "*.jpg"));
    }

    [Fact]
    public async Task Budget_MissedByOneSize_FailsThatOutputOnly_AndWritesTheOthers()
    {
        using var folder = new TempFolder();
        var input = Busy(folder.Path, "busy.png", 800, 600);
        var options = new ResizeOptions { Sizes = [new BoxSize(640, 640), new BoxSize(100, 100)], Formats = [ImageFormat.Jpeg], MaxBytes = 5_000, NameTemplate = "{name}-{width}{ext}" };

        var result = Assert.Single(await ResizeRun.RunAsync(options, input));

        Assert.Equal(ResizeStatus.Failed, result.Status);
        Assert.Matches(@"^640x480 jpg: over the 5 kB budget at quality 30 \(\d+(\.\d)? kB\)$", result.Reason);
        var small = Assert.Single(result.Outputs);
        Assert.Equal((100, 75), (small.Width, small.Height));
        Assert.InRange(new FileInfo(small.Path).Length, 1, 5_000);
        Assert.Equal(["busy-100.jpg"], Directory.GetFiles(Path.Combine(folder.Path, "resized"), "*.jpg").Select(Path.GetFileName));
    }

    [Fact]
    public async Task Budget_WithShrink_MakesItNarrowerUntilItFits()
    {
        using var folder = new TempFolder();
        var input = Busy(folder.Path, "busy.png", 800, 600);

        var output = Assert.Single(Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { Formats = [ImageFormat.Jpeg], MaxBytes = 8_000, ShrinkToBudget = true }, input)).Outputs);

        Assert.InRange(output.Bytes, 1, 8_000);
        Assert.True(output.Shrunk < 1 && output.Width < 800, $"{output.Width} wide, shrunk {output.Shrunk}");
        Assert.Equal(output.Width, Images.Describe(output.Path).Width);
    }

    [Fact]
    public async Task Budget_OnAPng_QuantisesToAPalette_OrFailsSayingSo()
    {
        using var folder = new TempFolder();
        var input = Images.Png(folder.Path, "flat.png", 800, 600);
        var plain = Assert.Single(Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { Formats = [ImageFormat.Png] }, input)).Outputs);

        var fitted = Assert.Single(Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { Formats = [ImageFormat.Png], MaxBytes = plain.Bytes - 1, Force = true }, input)).Outputs);
        var failed = Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { Formats = [ImageFormat.Png], MaxBytes = 50, Force = true }, input));

        Assert.True(fitted.Bytes < plain.Bytes, $"{fitted.Bytes} against {plain.Bytes}");
        Assert.Equal(ResizeStatus.Failed, failed.Status);
        Assert.StartsWith("over the 0.1 kB budget as a 256-colour PNG (", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnimatedGif_KeepsEveryFrameAndItsDelay()
    {
        using var folder = new TempFolder();
        var input = Path.Combine(folder.Path, "spin.gif");
        using (var frame = Images.Picture(200, 100))
        using (var strip = Image.Arrayjoin([frame, frame.Invert(), frame, frame.Invert()], across: 1))
        using (var animation = strip.Mutate(image =>
        {
            image.Set(GValue.GIntType, "page-height", 100);
            image.Set(GValue.ArrayIntType, "delay", new[] { 100, 200, 300, 400 });
        }))
        {
            animation.Gifsave(input);
        }

        var output = Assert.Single(Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { Sizes = [new BoxSize(100, 100)] }, input)).Outputs);

        using var resized = Image.NewFromFile(output.Path, kwargs: new VOption { { "n", -1 } });
        Assert.Equal(4, (int)resized.Get("n-pages"));
        Assert.Equal([100, 200, 300, 400], (int[])resized.Get("delay"));
    }

    /// <summary>A photo-like image with fine noise on it: many bytes at high qualities, few at low ones.</summary>
    private static string Busy(string folder, string name, int width, int height)
    {
        using var picture = Images.Picture(width, height);
        using var noise = Image.Gaussnoise(width, height, sigma: 12);
        using var busy = (picture + noise.Bandjoin(noise, noise)).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        var path = Path.Combine(folder, name);
        busy.Pngsave(path);
        return path;
    }
}
