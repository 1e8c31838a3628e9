using System.Text.Json;
using Atelier.Tests.Support;

namespace Atelier.Imaging.Tests;

/// <summary>--manifest: true to the files it names, merged across runs, refused when it cannot be merged.</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task Manifest_EveryEntryIsTrueToTheFileItNames()
    {
        using var folder = new TempFolder();
        var photos = Directory.CreateDirectory(Path.Combine(folder.Path, "photos")).FullName;
        Images.Jpeg(photos, "wide.jpg", 1200, 800);
        Rotated(photos, "turned.jpg", 1200, 800);
        var manifest = Path.Combine(folder.Path, "images.json");
        var options = new ResizeOptions
        {
            OutputDirectory = Path.Combine(folder.Path, "thumbs"),
            Sizes = [new BoxSize(320, BoxSize.Any), new BoxSize(640, BoxSize.Any)],
            Formats = [ImageFormat.WebP, ImageFormat.Jpeg],
            NameTemplate = "{name}-{width}{ext}",
            ManifestPath = manifest,
            Placeholder = PlaceholderKind.ThumbHash,
        };

        Assert.All(await ResizeRun.RunAsync(options, photos), r => Assert.Equal(ResizeStatus.Resized, r.Status));

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(manifest, TestContext.Current.CancellationToken));
        var images = json.RootElement.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(["photos/turned.jpg", "photos/wide.jpg"], images.Select(i => i.GetProperty("source").GetString()));
        Assert.Equal((800, 1200), (images[0].GetProperty("width").GetInt32(), images[0].GetProperty("height").GetInt32()));
        foreach (var image in images)
        {
            Assert.Equal(new FileInfo(Path.Combine(folder.Path, image.GetProperty("source").GetString()!)).Length, image.GetProperty("bytes").GetInt64());
            Assert.InRange(Convert.FromBase64String(image.GetProperty("placeholder").GetString()!).Length, 5, 40);
            Assert.Matches("^#[0-9a-f]{6}$", image.GetProperty("average_colour").GetString());
            var outputs = image.GetProperty("outputs").EnumerateArray().ToList();
            Assert.Equal(4, outputs.Count);
            foreach (var output in outputs)
            {
                var path = Path.Combine(folder.Path, output.GetProperty("path").GetString()!);
                var described = Images.Describe(path);
                Assert.Equal((described.Width, described.Height), (output.GetProperty("width").GetInt32(), output.GetProperty("height").GetInt32()));
                Assert.Equal(new FileInfo(path).Length, output.GetProperty("bytes").GetInt64());
                Assert.Equal(Path.GetExtension(path) == ".jpg" ? "jpeg" : "webp", output.GetProperty("format").GetString());
                Assert.Equal(85, output.GetProperty("quality").GetInt32());
            }
        }
    }

    [Fact]
    public async Task Manifest_ReRun_KeepsSkippedEntries_AndDropsRemovedSources()
    {
        using var folder = new TempFolder();
        var a = Images.Jpeg(folder.Path, "a.jpg", 900, 600);
        var b = Images.Jpeg(folder.Path, "b.jpg", 900, 600);
        var manifest = Path.Combine(folder.Path, "images.json");
        var options = new ResizeOptions { ManifestPath = manifest, Placeholder = PlaceholderKind.BlurHash };
        var made = await ResizeRun.RunAsync(options, a, b);
        var first = await File.ReadAllTextAsync(manifest, TestContext.Current.CancellationToken);

        File.Delete(b);
        var again = await ResizeRun.RunAsync(options, a);
        var second = await File.ReadAllTextAsync(manifest, TestContext.Current.CancellationToken);

        Assert.All(made, r => Assert.Equal(ResizeStatus.Resized, r.Status));
        Assert.Equal(ResizeStatus.Skipped, Assert.Single(again).Status);
        using var before = JsonDocument.Parse(first);
        using var after = JsonDocument.Parse(second);
        Assert.Equal(["a.jpg", "b.jpg"], before.RootElement.GetProperty("images").EnumerateArray().Select(i => i.GetProperty("source").GetString()));
        var kept = Assert.Single(after.RootElement.GetProperty("images").EnumerateArray());
        Assert.Equal(before.RootElement.GetProperty("images")[0].ToString(), kept.ToString());
    }

    [Fact]
    public async Task Manifest_ThatIsNotOne_IsRefusedBeforeAnything_AndLeftAsItIs()
    {
        using var folder = new TempFolder();
        var input = Images.Jpeg(folder.Path, "a.jpg", 300, 200);
        var manifest = Path.Combine(folder.Path, "images.json");
        await File.WriteAllTextAsync(manifest, "{ not json", TestContext.Current.CancellationToken);

        var corrupt = Assert.Throws<AtelierException>(() => new Resizer(new ResizeOptions { ManifestPath = manifest }));
        var nowhere = Assert.Throws<AtelierException>(() => new Resizer(new ResizeOptions { ManifestPath = Path.Combine(folder.Path, "no", "such", "images.json") }));

        Assert.StartsWith($"'{manifest}' is not a manifest this can merge with (", corrupt.Message, StringComparison.Ordinal);
        Assert.EndsWith("it is left as it is.", corrupt.Message, StringComparison.Ordinal);
        Assert.Equal("{ not json", await File.ReadAllTextAsync(manifest, TestContext.Current.CancellationToken));
        Assert.Contains("does not exist", nowhere.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "resized")));
        _ = input;
    }

    /// <summary>A JPEG stored landscape with EXIF orientation 6: upright it is portrait.</summary>
    private static string Rotated(string folder, string name, int width, int height)
    {
        using var picture = Images.Picture(width, height);
        using var tagged = picture.Mutate(image => image.Set(NetVips.GValue.GIntType, "orientation", 6));
        var path = Path.Combine(folder, name);
        tagged.Jpegsave(path, q: 90);
        return path;
    }
}
