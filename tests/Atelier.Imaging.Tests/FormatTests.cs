using Atelier.Tests.Support;

namespace Atelier.Imaging.Tests;

/// <summary>Output formats and metadata.</summary>
public sealed class FormatTests
{
    [Fact]
    public async Task Avif_IsWrittenAndReadable()
    {
        using var folder = new TempFolder();
        var input = Images.Jpeg(folder.Path, "pic.jpg", 600, 400);

        var output = Assert.Single(Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { Sizes = [new BoxSize(300, 300)], Formats = [ImageFormat.Avif] }, input)).Outputs);

        Assert.EndsWith("thumb_pic.avif", output.Path, StringComparison.Ordinal);
        Assert.Equal((300, 200), (Images.Describe(output.Path).Width, Images.Describe(output.Path).Height));
    }

    [Theory]
    [InlineData("{name}.png", "png", ImageFormat.Png)]
    [InlineData("small_{name}.WEBP", "webp", ImageFormat.WebP)]
    [InlineData("{name}.jpeg", "jpeg", ImageFormat.Jpeg)]
    [InlineData("{name}{ext}", "jpeg", ImageFormat.Jpeg)]
    public async Task NameExtension_ChoosesTheFormat_WhenNoneIsAsked(string template, string loader, ImageFormat format)
    {
        // It wrote JPEG data into .png files.
        using var folder = new TempFolder();
        var input = Images.Jpeg(folder.Path, "pic.jpg", 600, 400);

        var output = Assert.Single(Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { OutputDirectory = Path.Combine(folder.Path, "out"), NameTemplate = template }, input)).Outputs);

        using var image = NetVips.Image.NewFromFile(output.Path);
        Assert.StartsWith(loader, (string)image.Get("vips-loader"), StringComparison.Ordinal);
        Assert.Equal(format, output.Format);
    }

    [Fact]
    public void NameExtension_ThatContradictsTheFormatAsked_IsRefused()
    {
        var error = Assert.Throws<AtelierException>(() => new Resizer(new ResizeOptions { NameTemplate = "{name}.png", Formats = [ImageFormat.WebP] }));

        Assert.Equal("'{name}.png' names png files, but Formats asks for webp: end NameTemplate with {ext}, or ask for the format the name says.", error.Message);
        Assert.Equal(["ResizeOptions.NameTemplate", "ResizeOptions.Formats"], error.Settings);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task Metadata_IsStrippedUnlessKept(bool keep, bool expectExif)
    {
        using var folder = new TempFolder();
        var input = Path.Combine(Images.Corpus("exif-orientation"), "Landscape_6.jpg");

        var output = Assert.Single(Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { OutputDirectory = folder.Path, KeepMetadata = keep }, input)).Outputs);

        using var image = NetVips.Image.NewFromFile(output.Path);
        Assert.Equal(expectExif, image.Contains("exif-data"));

        // Either way the orientation is in the pixels now, not in a tag a viewer would apply a second time.
        Assert.False(image.Contains("orientation") && (int)image.Get("orientation") != 1);
    }

    [Theory]
    [InlineData(Gravity.Centre)]
    [InlineData(Gravity.Attention)]
    [InlineData(Gravity.Entropy)]
    public async Task Cover_EveryGravity_FillsTheBoxExactly(Gravity gravity)
    {
        using var folder = new TempFolder();
        var input = Images.Jpeg(folder.Path, "wide.jpg", 1600, 600);

        var output = Assert.Single(Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { Fit = Fit.Cover, Gravity = gravity, Sizes = [new BoxSize(300, 300)] }, input)).Outputs);

        Assert.Equal((300, 300), (output.Width, output.Height));
    }
}
