using System.Text.Json;
using Atelier.Tests.Support;
using NetVips;

namespace Atelier.Cli.Tests.Commands;

public sealed class ResizeCommandTests
{
    [Fact]
    public async Task Resize_Folder_WritesThumbnailsAndEndsWithASummary()
    {
        using var folder = new TempFolder();
        Photo(folder.Path, "a.jpg", 1200, 800);
        Photo(folder.Path, "b.jpg", 600, 900);

        var run = await CliRun.InvokeAsync(["resize", "--quiet", folder.Path]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("800x533 jpg", run.Output, StringComparison.Ordinal);
        Assert.Contains("400x600 jpg", run.Output, StringComparison.Ordinal);
        Assert.StartsWith("2 resized (2 files), 0 failed in ", run.OutputLines[^1], StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Resize_Rerun_SaysThereIsNothingToDo()
    {
        using var folder = new TempFolder();
        Photo(folder.Path, "a.jpg", 1200, 800);
        await CliRun.InvokeAsync(["resize", "--quiet", folder.Path]);

        var run = await CliRun.InvokeAsync(["resize", "--quiet", folder.Path]);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Nothing to do: all 1 images are up to date (--force makes them again)", run.OutputLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resize_BrokenImage_ExitsTwoAndTheJsonSaysWhy()
    {
        using var folder = new TempFolder();
        Photo(folder.Path, "a.jpg", 300, 200);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "b.png"), "no", TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync(["resize", "--quiet", "--json", "--size", "100x100", "--format", "webp", folder.Path]);

        Assert.Equal(2, run.ExitCode);
        var lines = run.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["resized", "failed"], lines.Select(l => l.GetProperty("status").GetString()));
        Assert.EndsWith("thumb_a.webp", lines[0].GetProperty("outputs")[0].GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(lines[1].GetProperty("error").GetString()));
    }

    [Theory]
    [InlineData("resize --size 80x .", "atelier: --size '80x' is not WIDTHxHEIGHT (for example 800x600), or a list of them. See 'atelier resize --help'.")]
    [InlineData("resize --fit squash .", "atelier: --fit 'squash' is not one of inside, cover, fill. See 'atelier resize --help'.")]
    [InlineData("resize --quality 0 .", "atelier: --quality '0' must be at least 1. See 'atelier resize --help'.")]
    [InlineData("resize --quality 101 .", "atelier: --quality '101' must be between 1 and 100.")]
    [InlineData("resize /nonexistent/photos", "atelier: '/nonexistent/photos' is neither a file nor a folder.")]
    [InlineData("resize", "atelier: Required argument 'input' missing for command: 'resize'. See 'atelier resize --help'.")]
    public async Task Resize_UsageErrors_AreOneLineAndExitOne(string args, string message)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(message, run.Error.TrimEnd('\n'));
    }

    private static void Photo(string folder, string name, int width, int height)
    {
        using var image = Image.Xyz(width, height)[0].Cast(Enums.BandFormat.Uchar);
        image.Jpegsave(Path.Combine(folder, name));
    }
}
