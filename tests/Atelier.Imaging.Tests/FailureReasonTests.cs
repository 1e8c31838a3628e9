using Atelier.Tests.Support;

namespace Atelier.Imaging.Tests;

/// <summary>Each failed image says its own cause, with several images failing at once.</summary>
public sealed class FailureReasonTests
{
    [Fact]
    public async Task PngSuiteCorruptFiles_EachFailsWithItsDecodersOwnComplaint()
    {
        using var output = new TempFolder();
        var corrupt = Directory.GetFiles(Images.Corpus("pngsuite"), "x*.png").Order(StringComparer.Ordinal).ToArray();

        var results = await ResizeRun.RunAsync(new ResizeOptions { OutputDirectory = output.Path, Sizes = [new BoxSize(16, 16)], Concurrency = 4 }, corrupt);

        var reasons = results.ToDictionary(r => Path.GetFileName(r.Path), r => r.Reason ?? "");
        Assert.All(results, r => Assert.Equal(ResizeStatus.Failed, r.Status));
        Assert.Equal("Invalid color type in IHDR; Invalid IHDR data", reasons["xc1n0g08.png"]);
        Assert.Equal("IDAT: CRC error", reasons["xcsn0g01.png"]);
        Assert.Equal("IHDR: CRC error", reasons["xhdn0g08.png"]);
        Assert.Equal("IEND: out of place", reasons["xdtn0g01.png"]);
        Assert.StartsWith("Invalid bit depth in IHDR", reasons["xd0n2c08.png"], StringComparison.Ordinal);
        Assert.Equal($"VipsForeignLoad: \"{Path.Combine(Images.Corpus("pngsuite"), "xs1n0g01.png")}\" is not a known file format", reasons["xs1n0g01.png"]);

        // No reason is another file's, and none is libvips' generic wrapper.
        Assert.All(reasons, pair => Assert.DoesNotContain("unable to call", pair.Value, StringComparison.Ordinal));
        Assert.All(reasons, pair => Assert.All(
            reasons.Keys.Where(other => other != pair.Key),
            other => Assert.DoesNotContain(other, pair.Value, StringComparison.Ordinal)));
        Assert.Empty(output.Files);
    }

    [Fact]
    public async Task FullDisk_EveryImageFailsWithItsOwnFileAndTheSystemsWords()
    {
        using var input = new TempFolder();
        using var output = new TempFolder();
        var images = Enumerable.Range(1, 6).Select(i => Images.Jpeg(input.Path, $"p{i}.jpg", 200, 150)).ToArray();

        // Each output's temporary file is /dev/full, which answers every write with ENOSPC as a full disk does.
        foreach (var i in Enumerable.Range(1, 6))
        {
            File.CreateSymbolicLink(Path.Combine(output.Path, $"thumb_p{i}.jpg.part"), "/dev/full");
        }

        var results = await ResizeRun.RunAsync(new ResizeOptions { OutputDirectory = output.Path, Sizes = [new BoxSize(64, 64)], Concurrency = 2 }, images);

        Assert.Equal(
            Enumerable.Range(1, 6).Select(i => $"could not write '{Path.Combine(output.Path, $"thumb_p{i}.jpg.part")}': No space left on device"),
            results.Select(r => r.Reason));
        Assert.All(results, r => Assert.Equal(ResizeStatus.Failed, r.Status));
        Assert.Empty(output.Files);
    }

    [Fact]
    public async Task Folder_OutputPathsAreNormalised()
    {
        using var input = new TempFolder();
        Images.Jpeg(input.Path, "a.jpg", 100, 80);
        Directory.CreateDirectory(Path.Combine(input.Path, "sub"));
        Images.Jpeg(Path.Combine(input.Path, "sub"), "b.jpg", 100, 80);
        using var output = new TempFolder();

        var results = await ResizeRun.RunAsync(new ResizeOptions { OutputDirectory = Path.Combine(output.Path, ".", "out"), Sizes = [new BoxSize(32, 32)], Recurse = true }, input.Path + "/.");

        var paths = results.SelectMany(r => r.Outputs.Select(o => o.Path).Append(r.Path)).ToList();
        Assert.Equal(4, paths.Count);
        Assert.All(paths, path => Assert.Equal(Path.GetFullPath(path), path));
        Assert.Contains(Path.Combine(output.Path, "out", "thumb_a.jpg"), paths);
        Assert.Contains(Path.Combine(output.Path, "out", "sub", "thumb_b.jpg"), paths);
    }
}
