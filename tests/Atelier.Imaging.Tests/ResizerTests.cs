using System.Security.Cryptography;
using Atelier.Tests.Support;

namespace Atelier.Imaging.Tests;

public sealed class ResizerTests
{
    [Theory]
    [InlineData(Fit.Inside, 3000, 2000, 800, 533)]
    [InlineData(Fit.Fill, 3000, 2000, 800, 600)]
    [InlineData(Fit.Cover, 3000, 2000, 800, 600)]
    [InlineData(Fit.Inside, 1000, 3000, 200, 600)]
    public async Task Resize_Fits_TheBoxAsAsked(Fit fit, int width, int height, int expectedWidth, int expectedHeight)
    {
        using var folder = new TempFolder();
        var input = Images.Jpeg(folder.Path, "photo.jpg", width, height);

        var result = Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { Fit = fit }, input));

        Assert.Equal(ResizeStatus.Resized, result.Status);
        var output = Assert.Single(result.Outputs);
        Assert.Equal(Path.Combine(folder.Path, "resized", "thumb_photo.jpg"), output.Path);
        Assert.Equal((expectedWidth, expectedHeight), (output.Width, output.Height));
        Assert.Equal((expectedWidth, expectedHeight), (Images.Describe(output.Path).Width, Images.Describe(output.Path).Height));
        Assert.Equal(new FileInfo(output.Path).Length, output.Bytes);
    }

    [Theory]
    [InlineData("800x600", 3000, 2000, 800, 533)]
    [InlineData("320", 1000, 3000, 107, 320)]
    [InlineData("320x", 3000, 2000, 320, 213)]
    [InlineData("x240", 3000, 2000, 360, 240)]
    [InlineData("x240", 1000, 3000, 80, 240)]
    [InlineData("50%", 3000, 2000, 1500, 1000)]
    [InlineData("150%", 300, 200, 450, 300)]
    public async Task Resize_SizeAsVipsthumbnailSpellsIt_NamesTheOutputAfterItsOwnSize(string size, int width, int height, int expectedWidth, int expectedHeight)
    {
        using var folder = new TempFolder();
        var input = Images.Jpeg(folder.Path, "photo.jpg", width, height);
        Assert.True(BoxSize.TryParse(size, out var box));

        var result = Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { Sizes = [box], NameTemplate = "{name}_{width}x{height}{ext}" }, input));

        var output = Assert.Single(result.Outputs);
        Assert.Equal((expectedWidth, expectedHeight), (Images.Describe(output.Path).Width, Images.Describe(output.Path).Height));
        Assert.Equal($"photo_{expectedWidth}x{expectedHeight}.jpg", Path.GetFileName(output.Path));
    }

    [Theory]
    [InlineData("800x600", 800, 600, null)]
    [InlineData("320", 320, 320, null)]
    [InlineData("320X", 320, BoxSize.Any, null)]
    [InlineData(" x240 ", BoxSize.Any, 240, null)]
    [InlineData("50%", BoxSize.Any, BoxSize.Any, 0.5)]
    [InlineData("12.5%", BoxSize.Any, BoxSize.Any, 0.125)]
    public void BoxSize_Parses_WhatVipsthumbnailAccepts(string text, int width, int height, double? scale)
    {
        Assert.True(BoxSize.TryParse(text, out var size));

        Assert.Equal((width, height, scale), (size.Width, size.Height, size.Scale));
        Assert.True(BoxSize.TryParse(size.ToString(), out var again));
        Assert.Equal(size, again);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("0x100")]
    [InlineData("100x100x100")]
    [InlineData("100001")]
    [InlineData("0%")]
    [InlineData("1001%")]
    [InlineData("-5x10")]
    [InlineData("%")]
    public void BoxSize_Refuses_WhatIsNoSize(string text) => Assert.False(BoxSize.TryParse(text, out _));

    [Theory]
    [InlineData(Fit.Cover)]
    [InlineData(Fit.Fill)]
    public void Resize_OpenSideWithAFitThatNeedsBoth_IsRefusedBeforeAnything(Fit fit)
    {
        var error = Assert.Throws<AtelierException>(() => new Resizer(new ResizeOptions { Sizes = [new BoxSize(320, BoxSize.Any)], Fit = fit }));

        Assert.Contains("'320x' in Sizes leaves a side open", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resize_TwoSizesThatComeOutTheSame_MakeOneFile()
    {
        using var folder = new TempFolder();
        var input = Images.Jpeg(folder.Path, "small.jpg", 300, 200);

        var result = Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { Sizes = [new BoxSize(640, 640), new BoxSize(1280, 1280)], NameTemplate = "{name}-{width}{ext}" }, input));

        Assert.Equal(ResizeStatus.Resized, result.Status);
        Assert.Equal(["small-300.jpg"], result.Outputs.Select(o => Path.GetFileName(o.Path)));
    }

    [Fact]
    public async Task Resize_SmallImage_IsNotEnlargedUnlessAsked()
    {
        using var folder = new TempFolder();
        var input = Images.Jpeg(folder.Path, "small.jpg", 400, 300);

        var kept = Assert.Single(Assert.Single(await ResizeRun.RunAsync(new ResizeOptions(), input)).Outputs);
        var enlarged = Assert.Single(Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { Enlarge = true, Force = true }, input)).Outputs);

        Assert.Equal((400, 300), (kept.Width, kept.Height));
        Assert.Equal((800, 600), (enlarged.Width, enlarged.Height));
    }

    [Fact]
    public async Task Resize_LeavesTheInputUntouched()
    {
        using var folder = new TempFolder();
        var input = Images.Jpeg(folder.Path, "keep.jpg", 1200, 900);
        var before = SHA256.HashData(await File.ReadAllBytesAsync(input, TestContext.Current.CancellationToken));
        var modified = File.GetLastWriteTimeUtc(input);

        await ResizeRun.RunAsync(new ResizeOptions(), input);

        Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(input, TestContext.Current.CancellationToken)));
        Assert.Equal(modified, File.GetLastWriteTimeUtc(input));
    }

    [Fact]
    public async Task Resize_SeveralSizesAndFormats_FromOneInput()
    {
        using var folder = new TempFolder();
        var input = Images.Jpeg(folder.Path, "hero.jpg", 2000, 1000);
        var options = new ResizeOptions
        {
            Sizes = [new BoxSize(320, 320), new BoxSize(640, 640)],
            Formats = [ImageFormat.WebP, ImageFormat.Jpeg],
            NameTemplate = "{name}-{width}{ext}",
        };

        var result = Assert.Single(await ResizeRun.RunAsync(options, input));

        Assert.Equal(
            [("hero-320.webp", 320, 160), ("hero-320.jpg", 320, 160), ("hero-640.webp", 640, 320), ("hero-640.jpg", 640, 320)],
            result.Outputs.Select(o => (Path.GetFileName(o.Path), o.Width, o.Height)));
        Assert.Equal(ImageFormat.WebP, result.Outputs[0].Format);
        Assert.Equal(4, folder.Files.Count(f => f.StartsWith("resized", StringComparison.Ordinal) && !f.EndsWith(".json", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("thumb_{name}{ext}", 2, 1, "several sizes would share one file name")]
    [InlineData("thumb_{name}.jpg", 1, 2, "several formats would share one file name")]
    [InlineData("{width}{ext}", 1, 1, "has no {name}")]
    [InlineData("sub/{name}{ext}", 1, 1, "must be a file name")]
    [InlineData("{name}{size}{ext}", 1, 1, "unknown placeholder")]
    public void NameTemplate_ThatCannotWork_IsRefusedBeforeAnything(string template, int sizes, int formats, string message)
    {
        var options = new ResizeOptions
        {
            NameTemplate = template,
            Sizes = [.. Enumerable.Range(1, sizes).Select(i => new BoxSize(100 * i, 100 * i))],
            Formats = [.. new[] { ImageFormat.Jpeg, ImageFormat.Png }.Take(formats)],
        };

        var error = Assert.Throws<AtelierException>(() => new Resizer(options));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resize_CmykJpeg_ComesOutAsSrgb()
    {
        using var folder = new TempFolder();
        var input = Path.Combine(folder.Path, "cmyk.jpg");
        using (var picture = Images.Picture(400, 300))
        using (var cmyk = picture.IccTransform("cmyk"))
        {
            cmyk.Jpegsave(input);
        }

        Assert.Equal("Cmyk", Images.Describe(input).Interpretation);
        var output = Assert.Single(Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { Sizes = [new BoxSize(200, 200)] }, input)).Outputs);

        var described = Images.Describe(output.Path);
        Assert.Equal(("Srgb", 3), (described.Interpretation, described.Bands));
    }

    [Fact]
    public async Task Resize_Alpha_KeptInPngAndFlattenedOnWhiteInJpeg()
    {
        using var folder = new TempFolder();
        var input = Images.Png(folder.Path, "clear.png", 400, 400, alpha: true);
        var options = new ResizeOptions { Sizes = [new BoxSize(100, 100)], Formats = [ImageFormat.Png, ImageFormat.Jpeg] };

        var result = Assert.Single(await ResizeRun.RunAsync(options, input));
        Assert.True(result.Status == ResizeStatus.Resized, result.Reason);
        var outputs = result.Outputs;

        Assert.Equal(4, Images.Describe(outputs[0].Path).Bands);
        Assert.Equal(3, Images.Describe(outputs[1].Path).Bands);
        using var jpeg = NetVips.Image.NewFromFile(outputs[1].Path);
        Assert.True(jpeg.Avg() > 250, $"transparent pixels should become white, the mean is {jpeg.Avg()}");
    }

    [Fact]
    public async Task Resize_AnimatedGif_KeepsEveryFrame()
    {
        using var folder = new TempFolder();
        var input = Path.Combine(folder.Path, "spin.gif");
        using (var frame = Images.Picture(200, 100))
        using (var strip = NetVips.Image.Arrayjoin([frame, frame.Invert(), frame], across: 1))
        using (var animation = strip.Mutate(image => image.Set(NetVips.GValue.GIntType, "page-height", 100)))
        {
            animation.Gifsave(input);
        }

        var output = Assert.Single(Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { Sizes = [new BoxSize(100, 100)] }, input)).Outputs);

        Assert.Equal((100, 50, 3), (Images.Describe(output.Path).Width, Images.Describe(output.Path).Height, Images.Describe(output.Path).Pages));
    }

    [Fact]
    public async Task Resize_TooManyPixels_IsRefusedWithAReason()
    {
        using var folder = new TempFolder();
        var input = Images.Png(folder.Path, "bomb.png", 2000, 1000);

        var result = Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { MaxPixels = 1_000_000 }, input));

        Assert.Equal(ResizeStatus.Failed, result.Status);
        Assert.StartsWith("refusing 2000x1000 (2 MP): more than the 1 MP limit; a decompression bomb?", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(folder.Files, f => f.StartsWith("resized", StringComparison.Ordinal) && !f.EndsWith(".json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resize_BadFiles_FailWithReasonsAndTheBatchGoesOn()
    {
        using var folder = new TempFolder();
        var good = Images.Jpeg(folder.Path, "a_good.jpg", 600, 400);
        var whole = await File.ReadAllBytesAsync(Images.Jpeg(folder.Path, "b_source.jpg", 600, 400), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, "c_truncated.jpg"), whole[..(whole.Length / 2)], TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, "d_empty.png"), [], TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "e_text.jpg"), "not a picture", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "f_notes.txt"), "skip me", TestContext.Current.CancellationToken);

        var results = await ResizeRun.RunAsync(new ResizeOptions(), folder.Path);

        Assert.Equal(
            [("a_good.jpg", ResizeStatus.Resized), ("b_source.jpg", ResizeStatus.Resized), ("c_truncated.jpg", ResizeStatus.Failed), ("d_empty.png", ResizeStatus.Failed), ("e_text.jpg", ResizeStatus.Failed), ("f_notes.txt", ResizeStatus.Skipped)],
            results.Select(r => (Path.GetFileName(r.Path), r.Status)));
        Assert.All(results.Where(r => r.Status == ResizeStatus.Failed), r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        Assert.Equal("empty file", results[3].Reason);
        Assert.Equal(["thumb_a_good.jpg", "thumb_b_source.jpg"], Directory.GetFiles(Path.Combine(folder.Path, "resized"), "thumb_*").Select(Path.GetFileName).Order());
        Assert.Empty(Directory.GetFiles(Path.Combine(folder.Path, "resized"), "*.part"));
        _ = good;
    }
}
