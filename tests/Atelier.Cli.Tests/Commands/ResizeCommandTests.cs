using System.Text.Json;
using System.Text.RegularExpressions;
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

        var run = await CliRun.InvokeAsync(["resize", folder.Path]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("800x533 jpg", run.Output, StringComparison.Ordinal);
        Assert.Contains("400x600 jpg", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"^2 resized, 0 failed in \d+\.\d\d s; 2 outputs, \d+\.\d images/s\.$", run.OutputLines[^1]);
    }

    [Fact]
    public async Task Resize_Quiet_IsTheSummaryAndTheFailuresOnly()
    {
        // -q printed the whole table (and ~170 lines after Ctrl-C): quiet is the summary line, and what failed.
        using var folder = new TempFolder();
        Photo(folder.Path, "a.jpg", 1200, 800);
        Photo(folder.Path, "b.jpg", 600, 900);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "broken.jpg"), "not an image", TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync(["resize", "-q", folder.Path]);

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("800x533", run.Output, StringComparison.Ordinal);
        Assert.Contains("broken.jpg", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"^2 resized, 1 failed in ", run.OutputLines[^1]);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Resize_Rerun_SaysThereIsNothingToDo()
    {
        using var folder = new TempFolder();
        Photo(folder.Path, "a.jpg", 1200, 800);
        await CliRun.InvokeAsync(["resize", "--quiet", folder.Path]);

        var run = await CliRun.InvokeAsync(["resize", "--quiet", folder.Path]);
        var table = await CliRun.InvokeAsync(["resize", folder.Path]);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Nothing to do: the image is up to date (--force makes them again)", run.OutputLines[^1], StringComparison.Ordinal);
        var row = Assert.Single(table.OutputLines, l => l.Contains("a.jpg", StringComparison.Ordinal));
        Assert.Single(Regex.Matches(row, "up to date"));
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

    [Fact]
    public async Task Resize_Interrupted_Exits130WithoutHalfWrittenFiles()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 60; i++)
        {
            Photo(folder.Path, $"big{i:00}.jpg", 3000, 2000);
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
        var run = await CliRun.InvokeAsync(["resize", "--quiet", "-j", "2", folder.Path], cancel.Token);

        Assert.Equal(130, run.ExitCode);
        Assert.StartsWith("Interrupted: ", run.OutputLines[^1], StringComparison.Ordinal);
        // Stopped early on a loaded machine, the run may not have made its output folder yet: then it made nothing.
        var output = Path.Combine(folder.Path, "resized");
        var made = Directory.Exists(output) ? Directory.GetFiles(output) : [];
        Assert.DoesNotContain(made, f => f.EndsWith(".part", StringComparison.Ordinal));
        Assert.True(made.Count(f => f.EndsWith(".jpg", StringComparison.Ordinal)) < 60, "an interrupted run must not have gone through every image");

        // What was made is remembered: the re-run does only the rest.
        var rerun = await CliRun.InvokeAsync(["resize", "--quiet", "--json", folder.Path]);
        var statuses = rerun.OutputLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("status").GetString()).ToList();
        Assert.Equal(made.Count(f => f.EndsWith(".jpg", StringComparison.Ordinal)), statuses.Count(s => s == "skipped"));
        Assert.Equal(60, statuses.Count);
    }

    [Fact]
    public async Task Resize_SmallerThanTheBox_IsReportedAsKeptSize()
    {
        using var folder = new TempFolder();
        Photo(folder.Path, "small.jpg", 300, 200);
        Photo(folder.Path, "big.jpg", 1600, 1200);

        var run = await CliRun.InvokeAsync(["resize", folder.Path]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.OutputLines, l => l.Contains("small.jpg", StringComparison.Ordinal) && l.Contains("kept size", StringComparison.Ordinal) && l.Contains("300x200 jpg", StringComparison.Ordinal));
        Assert.StartsWith("1 resized, 1 kept size, 0 failed in ", run.OutputLines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/proc", "atelier: Cannot write in the output folder '/proc': ")]
    [InlineData("/proc/atelier-out", "atelier: Cannot create the output folder '/proc/atelier-out': ")]
    public async Task Resize_OutputFolderThatCannotTakeFiles_StopsBeforeTheFirstImage(string output, string message)
    {
        using var folder = new TempFolder();
        Photo(folder.Path, "a.jpg", 300, 200);

        var run = await CliRun.InvokeAsync(["resize", "-o", output, folder.Path]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(message, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Resize_OutputIsAFile_IsOneUsageError()
    {
        using var folder = new TempFolder();
        Photo(folder.Path, "a.jpg", 300, 200);
        var file = Path.Combine(folder.Path, "not-a-folder");
        await File.WriteAllTextAsync(file, "x", TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync(["resize", "-o", file, folder.Path]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal([$"atelier: The output folder '{file}' is a file; name a folder with -o."], run.ErrorLines);
    }

    [Fact]
    public async Task Resize_QualityAuto_ReportsEachOutputsQualityAndScoreAndSumsThemUp()
    {
        using var folder = new TempFolder();
        Photo(folder.Path, "a.jpg", 1200, 800);
        Photo(folder.Path, "b.jpg", 600, 900);
        var report = Path.Combine(folder.Path, "report.jsonl");

        var run = await CliRun.InvokeAsync(["resize", "-q", "--quality", "auto:0.993", "--report", report, folder.Path]);

        Assert.Equal(0, run.ExitCode);
        var outputs = (await File.ReadAllLinesAsync(report, TestContext.Current.CancellationToken))
            .SelectMany(line => JsonDocument.Parse(line).RootElement.GetProperty("outputs").EnumerateArray())
            .ToList();
        Assert.Equal(2, outputs.Count);
        Assert.All(outputs, o => Assert.InRange(o.GetProperty("quality").GetInt32(), 40, 95));
        Assert.All(outputs, o => Assert.InRange(o.GetProperty("ms_ssim").GetDouble(), 0.993, 1.0));
        Assert.Matches(@"; quality auto over 2 outputs: q \d+-\d+ \(median \d+\), MS-SSIM min 0\.99[3-9]\d, median 0\.99\d\d\.$", run.OutputLines[^1]);
    }

    [Fact]
    public async Task Resize_RecursiveAfterAPlainRun_SaysOnceItLeftTheEarlierOutputsOut()
    {
        using var folder = new TempFolder();
        var photos = Path.Combine(folder.Path, "photos");
        Directory.CreateDirectory(photos);
        Photo(photos, "p1.jpg", 1200, 800);
        Assert.Equal(0, (await CliRun.InvokeAsync(["resize", "-q", photos])).ExitCode);

        var run = await CliRun.InvokeAsync(["resize", "-r", photos, "-o", Path.Combine(folder.Path, "thumbs")]);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("not an image", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("thumb_thumb", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"^1 resized, 0 failed in ", run.OutputLines[^2]);
        Assert.Equal($"Left out {Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(photos, "resized"))}: it holds an earlier run's outputs (.atelier-resize.json), never resized again.", run.OutputLines[^1]);
        Assert.Equal([".atelier-resize.json", "thumb_p1.jpg"], Directory.GetFiles(Path.Combine(folder.Path, "thumbs")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("resize --size 80xx .", "atelier: --size '80xx' is not WIDTHxHEIGHT (800x600, 320, 320x, x240) or a share (50%), or a list of them. See 'atelier resize --help'.")]
    [InlineData("resize --max-bytes 0 .", "atelier: --max-bytes '0' is not a size (60k, 1.5M), optionally with :shrink. See 'atelier resize --help'.")]
    [InlineData("resize --max-bytes 60k:squeeze .", "atelier: --max-bytes '60k:squeeze' is not a size (60k, 1.5M), optionally with :shrink. See 'atelier resize --help'.")]
    [InlineData("resize --size 0x0 .", "atelier: --size '0x0' is not WIDTHxHEIGHT (800x600, 320, 320x, x240) or a share (50%), or a list of them. See 'atelier resize --help'.")]
    [InlineData("resize --size x240 --fit cover .", "atelier: 'x240' in --size leaves a side open, but --fit cover needs both sides: give WIDTHxHEIGHT.")]
    [InlineData("resize --fit squash .", "atelier: --fit 'squash' is not one of inside, cover, fill. See 'atelier resize --help'.")]
    [InlineData("resize --quality 0 .", "atelier: --quality '0' is not a quality from 1 to 100, auto, or auto:SCORE (auto:0.99). See 'atelier resize --help'.")]
    [InlineData("resize --quality 101 .", "atelier: --quality '101' is not a quality from 1 to 100, auto, or auto:SCORE (auto:0.99). See 'atelier resize --help'.")]
    [InlineData("resize --quality auto:1.2 .", "atelier: --quality 'auto:1.2' is not a quality from 1 to 100, auto, or auto:SCORE (auto:0.99). See 'atelier resize --help'.")]
    [InlineData("resize /nonexistent/photos", "atelier: '/nonexistent/photos' is neither a file nor a folder.")]
    [InlineData("resize", "atelier: Required argument 'input' missing for command: 'resize'. See 'atelier resize --help'.")]
    [InlineData("resize --bogus x .", "atelier: unknown option '--bogus' for 'resize'. A value that starts with - goes after --. See 'atelier resize --help'.")]
    [InlineData("resize --name photo.jpg .", "atelier: --name 'photo.jpg' has no {name}: every image would get the same file name.")]
    [InlineData("resize --name {name}.png --format webp .", "atelier: '{name}.png' names png files, but --format asks for webp: end --name with {ext}, or ask for the format the name says.")]
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
