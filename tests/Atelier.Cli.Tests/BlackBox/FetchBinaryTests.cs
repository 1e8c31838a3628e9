using Atelier.Tests.Http;
using Atelier.Tests.Support;

namespace Atelier.Cli.Tests.BlackBox;

public sealed class FetchBinaryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Fetch_ListOnStdin_DownloadsEachLine()
    {
        using var folder = new TempFolder();
        var list = $"{fixture.Server.Url("/files/in-a.bin?size=10")}\n# skipped\n{fixture.Server.Url("/files/in-b.bin?size=20")}\n";

        var (code, output, error) = await AtelierProcess.RunWithInputAsync(list, "fetch", "-i", "-", "-o", folder.Path);

        Assert.True(code == 0, error);
        Assert.Equal(["in-a.bin", "in-b.bin"], folder.Files);
        Assert.Contains("2 downloaded, 0 failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_Interrupted_Exits130AndResumesWithContinue()
    {
        using var folder = new TempFolder();
        var url = fixture.Server.Url("/slow/bin-resume.bin?size=60000&pauseMs=30");
        using (var atelier = AtelierProcess.Start("fetch", "-o", folder.Path, url))
        {
            Assert.True(await Eventually.HoldsAsync(() => File.Exists(Path.Combine(folder.Path, "bin-resume.bin.part")) && new FileInfo(Path.Combine(folder.Path, "bin-resume.bin.part")).Length > 0, TimeSpan.FromSeconds(30)));
            await atelier.SignalAsync("INT");
            Assert.Equal(130, await atelier.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(["bin-resume.bin.part"], folder.Files);
        var saved = new FileInfo(Path.Combine(folder.Path, "bin-resume.bin.part")).Length;
        var (code, _, error) = await AtelierProcess.RunAsync("fetch", "--continue", "-o", folder.Path, url);

        // The rest, asked for from up to 4 KiB before it (the seam, compared with what was saved).
        Assert.True(code == 0, error);
        Assert.Equal($"bytes={saved - Math.Min(saved, 4096)}-", fixture.Server.RangesAsked("bin-resume.bin")[^1]);
        Assert.Equal(["bin-resume.bin"], folder.Files);
        Assert.Equal(Body.Of("bin-resume.bin", 60_000), folder.Read("bin-resume.bin"));
    }

    [Theory]
    [InlineData("KILL")]
    [InlineData("INT")]
    public async Task Crawl_KilledOrInterrupted_ContinueFinishesIt_AskingAgainOnlyForWhatWasRunning(string signal)
    {
        var pages = Enumerable.Range(0, 40).ToDictionary(i => $"/p{i}.html", i => $"<a href=\"/p{(i * 2 + 1) % 40}.html\">a</a><a href=\"/p{(i * 2 + 2) % 40}.html\">b</a>");
        pages["/"] = "<a href=\"/p0.html\">start</a>";
        await using var site = await SiteServer.StartAsync(pages);
        site.Delay = TimeSpan.FromMilliseconds(50);
        using var folder = new TempFolder();
        using (var atelier = AtelierProcess.Start("fetch", "-r", "-l", "inf", "-q", "-j", "2", "-o", folder.Path, site.Url("/")))
        {
            Assert.True(await Eventually.HoldsAsync(() => site.AllHits.Count >= 10, TimeSpan.FromSeconds(30)));
            await atelier.SignalAsync(signal);
            await atelier.WaitAsync(TimeSpan.FromSeconds(30));
        }

        var (code, output, error) = await AtelierProcess.RunAsync("fetch", "-r", "-l", "inf", "-q", "-j", "2", "--continue", "-o", folder.Path, site.Url("/"));

        Assert.True(code == 0, error + output);
        Assert.Equal(41, Directory.EnumerateFiles(Path.Combine(folder.Path, site.Host)).Count(f => !f.EndsWith(".part", StringComparison.Ordinal)));
        var twice = site.AllHits.Where(h => h.Key != "/robots.txt" && h.Value > 1).Select(h => h.Key).ToList();
        Assert.True(twice.Count <= 2, $"asked twice: {string.Join(", ", twice)}");
    }
}
