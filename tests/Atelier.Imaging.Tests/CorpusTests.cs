using Atelier.Tests.Support;

namespace Atelier.Imaging.Tests;

/// <summary>The public corpora: PngSuite and the EXIF orientation examples.</summary>
public sealed class CorpusTests
{
    [Fact]
    public async Task PngSuite_EveryValidFileResizes_EveryCorruptOneIsAnError()
    {
        using var folder = new TempFolder();
        var results = await ResizeRun.RunAsync(new ResizeOptions { OutputDirectory = folder.Path, Sizes = [new BoxSize(16, 16)], Enlarge = true }, Images.Corpus("pngsuite"));

        var pngs = results.Where(r => r.Path.EndsWith(".png", StringComparison.Ordinal)).ToList();
        var corrupt = pngs.Where(r => Path.GetFileName(r.Path).StartsWith('x')).ToList();
        var valid = pngs.Except(corrupt).ToList();
        Assert.True(valid.Count > 150, $"only {valid.Count} valid PngSuite files found");
        Assert.NotEmpty(corrupt);
        Assert.All(valid, r => Assert.True(r.Status == ResizeStatus.Resized, $"{Path.GetFileName(r.Path)}: {r.Reason}"));
        Assert.All(corrupt, r => Assert.True(r.Status == ResizeStatus.Failed && !string.IsNullOrWhiteSpace(r.Reason), $"{Path.GetFileName(r.Path)}: {r.Status}"));
        Assert.All(results.Where(r => !r.Path.EndsWith(".png", StringComparison.Ordinal)), r => Assert.Equal(ResizeStatus.Skipped, r.Status));
    }

    [Theory]
    [InlineData("Landscape")]
    [InlineData("Portrait")]
    public async Task ExifOrientation_EveryOneComesOutUprightLikeOrientationOne(string set)
    {
        using var folder = new TempFolder();
        var inputs = Enumerable.Range(0, 9).Select(n => Path.Combine(Images.Corpus("exif-orientation"), $"{set}_{n}.jpg")).ToArray();

        var results = await ResizeRun.RunAsync(new ResizeOptions { OutputDirectory = folder.Path, Sizes = [new BoxSize(300, 300)] }, inputs);

        Assert.All(results, r => Assert.Equal(ResizeStatus.Resized, r.Status));
        var reference = results[1].Outputs[0];
        foreach (var result in results)
        {
            var output = result.Outputs[0];
            Assert.Equal((reference.Width, reference.Height), (output.Width, output.Height));
            var difference = Images.Difference(output.Path, reference.Path);
            Assert.True(difference < 8, $"{Path.GetFileName(result.Path)} differs from orientation 1 by {difference:0.0} on average: not upright");
        }
    }
}
