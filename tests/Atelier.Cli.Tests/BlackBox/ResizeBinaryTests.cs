using Atelier.Tests.Support;
using NetVips;

namespace Atelier.Cli.Tests.BlackBox;

public sealed class ResizeBinaryTests
{
    [Fact]
    public async Task Resize_FolderWithABrokenFile_WritesTheThumbnailAndCountsTheFailure()
    {
        using var folder = new TempFolder();
        using (var image = Image.Xyz(1200, 800)[0].Cast(Enums.BandFormat.Uchar))
        {
            image.Jpegsave(Path.Combine(folder.Path, "photo.jpg"));
        }

        await File.WriteAllTextAsync(Path.Combine(folder.Path, "broken.jpg"), "not a JPEG", TestContext.Current.CancellationToken);
        var output = Path.Combine(folder.Path, "out");

        var (code, stdout, error) = await AtelierProcess.RunAsync("resize", "--quiet", "--size", "400x400", "-o", output, folder.Path);

        Assert.True(code == 2, $"exit {code}: {error}");
        Assert.Contains("1 resized, 1 failed in ", stdout, StringComparison.Ordinal);
        using var thumbnail = Image.NewFromFile(Path.Combine(output, "thumb_photo.jpg"));
        Assert.Equal((400, 267), (thumbnail.Width, thumbnail.Height));
        Assert.False(File.Exists(Path.Combine(output, "thumb_broken.jpg")));
    }
}
