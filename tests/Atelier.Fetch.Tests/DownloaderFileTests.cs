using System.Security.Cryptography;
using Atelier.Tests.Http;
using Atelier.Tests.Support;

namespace Atelier.Fetch.Tests;

/// <summary>What lands in the output folder: existing files, checksums, probes, resumption, interruption.</summary>
public sealed class DownloaderFileTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private MisbehavingServer Server => fixture.Server;

    [Fact]
    public async Task OnExistsRename_SavesUnderTheNextFreeName()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "report.pdf"), "old", TestContext.Current.CancellationToken);

        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder), Server.Url("/files/report.pdf?size=10")));

        Assert.Equal(Path.Combine(folder.Path, "report.1.pdf"), result.Path);
        Assert.Equal("old", await File.ReadAllTextAsync(Path.Combine(folder.Path, "report.pdf"), TestContext.Current.CancellationToken));
        Assert.Equal(Body.Of("report.pdf", 10), folder.Read("report.1.pdf"));
    }

    [Fact]
    public async Task OnExistsSkip_LeavesTheFileAndDoesNotEvenAsk()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "kept.bin"), "old", TestContext.Current.CancellationToken);

        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder) with { OnExists = ExistingFile.Skip }, Server.Url("/files/kept.bin?size=10")));

        Assert.Equal((FetchStatus.Skipped, 0), (result.Status, result.Attempts));
        Assert.Equal(0, Server.Hits("kept.bin"));
        Assert.Equal("old", await File.ReadAllTextAsync(Path.Combine(folder.Path, "kept.bin"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OnExistsFail_FailsTheItem()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "taken.bin"), "old", TestContext.Current.CancellationToken);

        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder) with { OnExists = ExistingFile.Fail }, Server.Url("/files/taken.bin?size=10")));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal($"'{Path.Combine(folder.Path, "taken.bin")}' already exists", result.Error);
        Assert.Equal(["taken.bin"], folder.Files);
    }

    [Fact]
    public async Task OnExistsOverwrite_ReplacesTheFileOnceTheNewOneIsComplete()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "new.bin"), "old", TestContext.Current.CancellationToken);

        await FetchRun.RunAsync(FetchRun.Options(folder) with { OnExists = ExistingFile.Overwrite }, Server.Url("/files/new.bin?size=10"));

        Assert.Equal(Body.Of("new.bin", 10), folder.Read("new.bin"));
        Assert.Equal(["new.bin"], folder.Files);
    }

    [Fact]
    public async Task SameNameTwiceInOneRun_NeverSharesAFile()
    {
        using var folder = new TempFolder();
        var results = await FetchRun.RunAsync(
            FetchRun.Options(folder) with { Concurrency = 2 },
            Server.Url("/slow/twin.bin?size=4096&pauseMs=5"), Server.Url("/slow/twin.bin?size=4096&pauseMs=5"));

        Assert.Equal(["twin.1.bin", "twin.bin"], folder.Files);
        Assert.Equal(2, results.Select(r => r.Path).Distinct().Count());
    }

    [Fact]
    public async Task Sha256_Matching_IsKeptAndReported()
    {
        using var folder = new TempFolder();
        var expected = Convert.ToHexStringLower(SHA256.HashData(Body.Of("good.bin", 5000)));

        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder), new FetchRequest(Server.Url("/files/good.bin?size=5000"), Sha256: expected)));

        Assert.Equal((FetchStatus.Downloaded, expected), (result.Status, result.Sha256));
        Assert.Equal(["good.bin"], folder.Files);
    }

    [Fact]
    public async Task Sha256_Mismatch_FailsAndKeepsNothing()
    {
        using var folder = new TempFolder();
        var wrong = new string('0', 64);

        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder), new FetchRequest(Server.Url("/files/bad.bin?size=5000"), Sha256: wrong)));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.StartsWith($"sha256 mismatch: expected {wrong}, got ", result.Error, StringComparison.Ordinal);
        Assert.Empty(folder.Files);
    }

    [Fact]
    public async Task Sha256_AfterAResumedTransfer_CoversTheWholeBody()
    {
        using var folder = new TempFolder();
        var expected = Convert.ToHexStringLower(SHA256.HashData(Body.Of("cut-sha.bin", 120_000)));

        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder), new FetchRequest(Server.Url("/cut/cut-sha.bin?size=120000"), Sha256: expected)));

        Assert.Equal((FetchStatus.Downloaded, 2), (result.Status, result.Attempts));
    }

    [Fact]
    public async Task OutName_ChoosesTheFileNameButCannotLeaveTheFolder()
    {
        using var folder = new TempFolder();
        var results = await FetchRun.RunAsync(
            FetchRun.Options(folder),
            new FetchRequest(Server.Url("/files/a.bin?size=10"), OutName: "chosen.dat"),
            new FetchRequest(Server.Url("/files/b.bin?size=10"), OutName: "../outside.dat"));

        Assert.Equal(["chosen.dat", "outside.dat"], folder.Files);
        Assert.All(results, r => Assert.Equal(FetchStatus.Downloaded, r.Status));
    }

    [Fact]
    public async Task CheckOnly_AsksForTheHeadersOnly_AndSavesNothing()
    {
        using var folder = new TempFolder();
        using var downloader = new Downloader(FetchRun.Options(folder) with { CheckOnly = true });

        var results = await downloader.FetchAsync(
            [new FetchRequest(Server.Url("/files/probe.bin?size=70000")), new FetchRequest(Server.Url("/status/404?key=probe404"))],
            TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal((FetchStatus.Checked, 70_000L, 200), (results[0].Status, results[0].Bytes, results[0].HttpStatus));
        Assert.Equal((FetchStatus.Failed, 404), (results[1].Status, results[1].HttpStatus));
        Assert.Equal("HEAD", Server.Method("probe.bin"));
        Assert.Equal(0, downloader.Totals.Bytes);
        Assert.Empty(folder.Files);
    }

    [Fact]
    public async Task CheckOnly_ServerWithoutHead_IsAskedWithGetAndItsBodyLeftUnread()
    {
        using var folder = new TempFolder();
        using var downloader = new Downloader(FetchRun.Options(folder) with { CheckOnly = true });

        var result = Assert.Single(await downloader.FetchAsync(
            [new FetchRequest(Server.Url("/ranged/probe-get.bin?size=4000000&pauseMs=5"))],
            TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));

        // 4 MB in 16 KiB pieces 5 ms apart would take over a second to read: it was not.
        Assert.Equal((FetchStatus.Checked, 4_000_000L, 200), (result.Status, result.Bytes, result.HttpStatus));
        Assert.Equal("GET", Server.Method("probe-get.bin"));
        Assert.True(result.Duration < TimeSpan.FromSeconds(1), $"{result.Duration}");
        Assert.True(downloader.Totals.Bytes == 0, $"{downloader.Totals.Bytes} bytes received");
    }

    [Fact]
    public async Task Continue_ResumesAPartLeftByAnEarlierRun()
    {
        using var folder = new TempFolder();
        var body = Body.Of("resume.bin", 90_000);
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, "resume.bin.part"), body[..30_000], TestContext.Current.CancellationToken);

        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder) with { Continue = true }, Server.Url("/files/resume.bin?size=90000")));

        Assert.Equal((FetchStatus.Downloaded, 206), (result.Status, result.HttpStatus));
        // The rest, from a seam's worth (4 KiB) before it: those bytes are compared with the ones saved.
        Assert.Equal([$"bytes={30_000 - 4096}-"], Server.RangesAsked("resume.bin"));
        Assert.Equal(body, folder.Read("resume.bin"));
        Assert.Equal(["resume.bin"], folder.Files);
    }

    [Fact]
    public async Task Continue_SpeedCountsThisRunsBytesOnly()
    {
        // After --continue the resumed bytes counted as received: the row said 41 MiB/s where the link gave 16.
        using var folder = new TempFolder();
        var body = Body.Of("slow-resume.bin", 200_000);
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, "slow-resume.bin.part"), body[..150_000], TestContext.Current.CancellationToken);
        var speeds = new System.Collections.Concurrent.ConcurrentQueue<double>();
        var progress = new Reported(p => { if (p.Speed is { } speed) { speeds.Enqueue(speed); } });

        // 1 KiB every 10 ms: about 100 KB/s. Counting the 150,000 resumed bytes would make it several times that.
        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder) with { Continue = true, Progress = progress }, Server.Url("/slow/slow-resume.bin?size=200000&pauseMs=10")));

        Assert.Equal(FetchStatus.Downloaded, result.Status);
        Assert.Equal(body, folder.Read("slow-resume.bin"));
        Assert.NotEmpty(speeds);
        Assert.All(speeds, speed => Assert.InRange(speed, 1, 150_000));
    }

    private sealed class Reported(Action<FetchProgress> report) : IProgress<FetchProgress>
    {
        public void Report(FetchProgress value) => report(value);
    }

    [Fact]
    public async Task Cancelled_LeavesOnlyPartFilesAndReportsTheInterruptedOnes()
    {
        using var folder = new TempFolder();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new CancelOnBytes(cancel, bytes: 4096);
        using var downloader = new Downloader(FetchRun.Options(folder) with { Progress = progress, Concurrency = 2 });
        var results = new List<FetchResult>();
        var urls = Enumerable.Range(0, 6).Select(i => new FetchRequest(Server.Url($"/slow/cancel-{i}.bin?size=200000&pauseMs=20")));

        await foreach (var result in downloader.FetchAsync(urls, cancel.Token))
        {
            results.Add(result);
        }

        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.Equal(FetchStatus.Canceled, r.Status));
        Assert.NotEmpty(folder.Files);
        Assert.All(folder.Files, f => Assert.EndsWith(".part", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PerHost_LimitsTransfersToOneHostWhateverTheConcurrency()
    {
        using var folder = new TempFolder();
        var urls = Enumerable.Range(0, 6).Select(i => Server.Url($"/slow/host-{i}.bin?size=8192&pauseMs=15&group=perhost")).ToArray();

        var results = await FetchRun.RunAsync(FetchRun.Options(folder) with { Concurrency = 6, PerHost = 2 }, urls);

        Assert.All(results, r => Assert.Equal(FetchStatus.Downloaded, r.Status));
        Assert.Equal(2, Server.MostConcurrentSlow("perhost"));
    }

    private sealed class CancelOnBytes(CancellationTokenSource cancel, long bytes) : IProgress<FetchProgress>
    {
        public void Report(FetchProgress value)
        {
            if (value.Bytes >= bytes)
            {
                cancel.Cancel();
            }
        }
    }

    [Fact]
    public async Task Newer_Unchanged_IsUpToDateWithoutABodyAndTheFileUntouched()
    {
        using var folder = new TempFolder();
        var url = Server.Url("/versioned/same.bin?size=5000");
        var first = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder) with { Newer = true }, url));
        var saved = File.GetLastWriteTimeUtc(Path.Combine(folder.Path, "same.bin"));

        var second = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder) with { Newer = true }, url));

        Assert.Equal((FetchStatus.Downloaded, FetchStatus.UpToDate), (first.Status, second.Status));
        Assert.Equal(("up to date", 0L, 304), (second.StatusName, second.Bytes, second.HttpStatus));
        Assert.Equal(new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc), saved);
        Assert.Equal(saved, File.GetLastWriteTimeUtc(Path.Combine(folder.Path, "same.bin")));
        Assert.Equal(Body.Of("same.bin-v1", 5000), folder.Read("same.bin"));
        Assert.Equal(2, Server.Hits("same.bin"));
        Assert.Equal([Atelier.Fetch.Naming.Validators.FileName, "same.bin"], folder.Files.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Newer_Changed_ReplacesTheFileWhole()
    {
        using var folder = new TempFolder();
        var url = Server.Url("/versioned/changing.bin?size=5000");
        await FetchRun.RunAsync(FetchRun.Options(folder) with { Newer = true }, url);
        Server.SetVersion("changing.bin", 2);

        var second = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder) with { Newer = true }, url));
        var third = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder) with { Newer = true }, url));

        Assert.Equal((FetchStatus.Downloaded, FetchStatus.UpToDate), (second.Status, third.Status));
        Assert.Equal(Body.Of("changing.bin-v2", 5000), folder.Read("changing.bin"));
        Assert.Equal(new DateTime(2026, 1, 2, 12, 0, 0, DateTimeKind.Utc), File.GetLastWriteTimeUtc(Path.Combine(folder.Path, "changing.bin")));
        Assert.DoesNotContain(folder.Files, f => f.StartsWith("changing.1", StringComparison.Ordinal) || f.EndsWith(".part", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Newer_FileRemoved_IsFetchedAgainWithoutConditions()
    {
        using var folder = new TempFolder();
        var url = Server.Url("/versioned/removed.bin?size=100");
        await FetchRun.RunAsync(FetchRun.Options(folder) with { Newer = true }, url);
        File.Delete(Path.Combine(folder.Path, "removed.bin"));

        var again = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder) with { Newer = true }, url));

        Assert.Equal(FetchStatus.Downloaded, again.Status);
        Assert.Equal(Body.Of("removed.bin-v1", 100), folder.Read("removed.bin"));
    }
}
