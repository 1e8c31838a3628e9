using Atelier.Imaging.Reporting;
using Atelier.Tests.Support;

namespace Atelier.Imaging.Tests;

/// <summary>Re-runs, trees, and where outputs may go.</summary>
public sealed class IncrementalTests
{
    [Fact]
    public async Task Rerun_OverAnUnchangedTree_DoesNoImageWork()
    {
        using var folder = new TempFolder();
        Images.Jpeg(folder.Path, "a.jpg", 900, 600);
        Images.Jpeg(folder.Path, "b.jpg", 900, 600);
        await ResizeRun.RunAsync(new ResizeOptions(), folder.Path);
        var written = File.GetLastWriteTimeUtc(Path.Combine(folder.Path, "resized", "thumb_a.jpg"));

        var again = await ResizeRun.RunAsync(new ResizeOptions(), folder.Path);

        Assert.All(again, r => Assert.Equal((ResizeStatus.Skipped, "up to date"), (r.Status, r.Reason)));
        Assert.Equal((800, 533), (again[0].Outputs[0].Width, again[0].Outputs[0].Height));
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(folder.Path, "resized", "thumb_a.jpg")));
    }

    [Fact]
    public async Task Rerun_NamesCarryingTheOutputSize_AreFoundUpToDate_AndFollowAChangedInput()
    {
        using var folder = new TempFolder();
        var input = Images.Jpeg(folder.Path, "a.jpg", 900, 600);
        var options = new ResizeOptions { Sizes = [new BoxSize(300, BoxSize.Any), new BoxSize(BoxSize.Any, 100)], NameTemplate = "{name}_{width}x{height}{ext}" };
        var first = Assert.Single(await ResizeRun.RunAsync(options, input));

        var again = Assert.Single(await ResizeRun.RunAsync(options, input));
        Images.Jpeg(folder.Path, "a.jpg", 600, 600);
        File.SetLastWriteTimeUtc(input, DateTime.UtcNow.AddMinutes(-1));
        Array.ForEach(Directory.GetFiles(Path.Combine(folder.Path, "resized"), "a_*"), f => File.SetLastWriteTimeUtc(f, DateTime.UtcNow.AddMinutes(-2)));
        var changed = Assert.Single(await ResizeRun.RunAsync(options, input));
        var settled = Assert.Single(await ResizeRun.RunAsync(options, input));

        Assert.Equal(["a_300x200.jpg", "a_150x100.jpg"], first.Outputs.Select(o => Path.GetFileName(o.Path)));
        Assert.Equal((ResizeStatus.Skipped, "up to date"), (again.Status, again.Reason));
        Assert.Equal(["a_300x200.jpg", "a_150x100.jpg"], again.Outputs.Select(o => Path.GetFileName(o.Path)));
        Assert.Equal(ResizeStatus.Resized, changed.Status);
        Assert.Equal(["a_300x300.jpg", "a_100x100.jpg"], changed.Outputs.Select(o => Path.GetFileName(o.Path)));
        Assert.Equal(ResizeStatus.Skipped, settled.Status);
    }

    [Fact]
    public async Task Rerun_RedoesWhatChanged_TheInputOrTheOptions()
    {
        using var folder = new TempFolder();
        var a = Images.Jpeg(folder.Path, "a.jpg", 900, 600);
        Images.Jpeg(folder.Path, "b.jpg", 900, 600);
        await ResizeRun.RunAsync(new ResizeOptions(), folder.Path);

        File.SetLastWriteTimeUtc(a, DateTime.UtcNow.AddMinutes(1));
        var touched = await ResizeRun.RunAsync(new ResizeOptions(), folder.Path);
        var requality = await ResizeRun.RunAsync(new ResizeOptions { Quality = 60 }, folder.Path);
        var forced = await ResizeRun.RunAsync(new ResizeOptions { Quality = 60, Force = true }, folder.Path);

        Assert.Equal([ResizeStatus.Resized, ResizeStatus.Skipped], touched.Select(r => r.Status));
        Assert.Equal([ResizeStatus.Resized, ResizeStatus.Resized], requality.Select(r => r.Status));
        Assert.Equal([ResizeStatus.Resized, ResizeStatus.Resized], forced.Select(r => r.Status));
    }

    [Fact]
    public async Task Recurse_MirrorsTheTreeAndNeverEntersItsOwnOutput()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.Path, "trip", "day1"));
        Directory.CreateDirectory(Path.Combine(folder.Path, ".cache"));
        Images.Jpeg(folder.Path, "top.jpg", 900, 600);
        Images.Jpeg(Path.Combine(folder.Path, "trip", "day1"), "beach.jpg", 900, 600);
        Images.Jpeg(Path.Combine(folder.Path, ".cache"), "hidden.jpg", 900, 600);

        var first = await ResizeRun.RunAsync(new ResizeOptions { Recurse = true }, folder.Path);
        var second = await ResizeRun.RunAsync(new ResizeOptions { Recurse = true }, folder.Path);

        Assert.Equal(["top.jpg", "beach.jpg"], first.Select(r => Path.GetFileName(r.Path)));
        Assert.True(File.Exists(Path.Combine(folder.Path, "resized", "trip", "day1", "thumb_beach.jpg")));
        Assert.Equal(2, second.Count);
        Assert.All(second, r => Assert.Equal(ResizeStatus.Skipped, r.Status));
    }

    [Fact]
    public async Task Totals_KnowHowManyImagesThereAreLongBeforeTheWalkReachesTheLast()
    {
        // The work walks the folders only as it goes: without a walk ahead, progress knew no total (0%) until the end.
        using var folder = new TempFolder();
        foreach (var i in Enumerable.Range(0, 12))
        {
            Images.Jpeg(folder.Path, $"p{i:00}.jpg", 300, 200);
        }

        var resizer = new Resizer(new ResizeOptions { Concurrency = 1 });
        long? totalAtFirstResult = null;
        await foreach (var result in resizer.ResizeAsync([folder.Path], TestContext.Current.CancellationToken))
        {
            if (totalAtFirstResult is null)
            {
                Assert.True(await Eventually.HoldsAsync(() => resizer.Totals.Total is not null));
                totalAtFirstResult = resizer.Totals.Total;
                Assert.False(resizer.Totals.FoundAll, "the work had already found every image");
            }
        }

        Assert.Equal(12, totalAtFirstResult);
        Assert.Equal(12, resizer.Totals.Total);
    }

    [Fact]
    public async Task Recurse_AfterAPlainRun_LeavesItsOutputFolderOut()
    {
        // A plain run writes photos/resized; a later recursive run into another folder once resized those outputs too
        // (thumbnails of thumbnails) and listed the manifest as "not an image".
        using var folder = new TempFolder();
        var photos = Path.Combine(folder.Path, "photos");
        Directory.CreateDirectory(Path.Combine(photos, "trip"));
        Images.Jpeg(photos, "p1.jpg", 900, 600);
        Images.Jpeg(Path.Combine(photos, "trip"), "p2.jpg", 900, 600);
        await ResizeRun.RunAsync(new ResizeOptions(), photos);

        var resizer = new Resizer(new ResizeOptions { Recurse = true, OutputDirectory = Path.Combine(folder.Path, "thumbs") });
        var results = new List<ResizeResult>();
        await foreach (var result in resizer.ResizeAsync([photos], TestContext.Current.CancellationToken))
        {
            results.Add(result);
        }

        Assert.Equal(["p1.jpg", "p2.jpg"], results.Select(r => Path.GetFileName(r.Path)));
        Assert.All(results, r => Assert.Equal(ResizeStatus.Resized, r.Status));
        Assert.Equal([Path.Combine(photos, "resized")], resizer.OutputFoldersLeftOut);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "thumbs", "resized")));
    }

    [Fact]
    public void OutputFolder_ThatIsTheInputFolder_IsRefused()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<AtelierException>(() => new Resizer(new ResizeOptions { OutputDirectory = folder.Path }).ResizeAsync([folder.Path], TestContext.Current.CancellationToken));

        Assert.Contains("is the input folder itself", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Output_ThatWouldOverwriteItsInput_FailsThatInputOnly()
    {
        using var folder = new TempFolder();
        var input = Images.Jpeg(folder.Path, "same.jpg", 900, 600);
        var before = await File.ReadAllBytesAsync(input, TestContext.Current.CancellationToken);

        var result = Assert.Single(await ResizeRun.RunAsync(new ResizeOptions { OutputDirectory = folder.Path, NameTemplate = "{name}{ext}" }, input));

        Assert.Equal(ResizeStatus.Failed, result.Status);
        Assert.Contains("would overwrite it", result.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(input, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("/nonexistent/photos", "'/nonexistent/photos' is neither a file nor a folder.")]
    public void MissingInput_IsAUsageError(string input, string message)
    {
        var error = Assert.Throws<AtelierException>(() => new Resizer(new ResizeOptions()).ResizeAsync([input], TestContext.Current.CancellationToken));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public async Task ReportLine_HasTheInputItsOutputsAndTheTime()
    {
        using var folder = new TempFolder();
        var input = Images.Jpeg(folder.Path, "r.jpg", 900, 600);
        var result = Assert.Single(await ResizeRun.RunAsync(new ResizeOptions(), input));

        using var line = System.Text.Json.JsonDocument.Parse(ResizeRecord.Line(result));
        var root = line.RootElement;
        Assert.Equal((input, "resized"), (root.GetProperty("path").GetString(), root.GetProperty("status").GetString()));
        var output = root.GetProperty("outputs")[0];
        Assert.Equal((800, 533), (output.GetProperty("width").GetInt32(), output.GetProperty("height").GetInt32()));
        Assert.True(output.GetProperty("bytes").GetInt64() > 0);
        Assert.True(root.GetProperty("duration_ms").GetDouble() > 0);
    }
}
