using Atelier.Fetch.Transfer;
using Atelier.Tests.Http;
using Atelier.Tests.Support;

namespace Atelier.Fetch.Tests;

public sealed class DownloaderTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private MisbehavingServer Server => fixture.Server;

    [Fact]
    public async Task FetchAsync_ManyFiles_SavesEachByteForByteAndReportsInInputOrder()
    {
        using var folder = new TempFolder();
        var sizes = new[] { 0, 1, 1000, 16_384, 100_000, 300_001 };
        var urls = sizes.Select((size, i) => Server.Url($"/files/many-{i}.bin?size={size}")).ToArray();

        var results = await FetchRun.RunAsync(FetchRun.Options(folder) with { Concurrency = 3 }, urls);

        Assert.Equal(Enumerable.Range(0, sizes.Length).Select(i => (long)i), results.Select(r => r.Index));
        Assert.All(results, r => Assert.Equal(FetchStatus.Downloaded, r.Status));
        for (var i = 0; i < sizes.Length; i++)
        {
            Assert.Equal(Body.Of($"many-{i}.bin", sizes[i]), folder.Read($"many-{i}.bin"));
            Assert.Equal(sizes[i], results[i].Bytes);
            Assert.Equal((200, 1), (results[i].HttpStatus, results[i].Attempts));
        }

        Assert.Equal(sizes.Length, folder.Files.Count);
    }

    [Fact]
    public async Task FetchAsync_NotFound_FailsOnceWithTheStatusAndLeavesNoFile()
    {
        using var folder = new TempFolder();
        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder), Server.Url("/status/404?key=nf")));

        Assert.Equal((FetchStatus.Failed, 404, 1), (result.Status, result.HttpStatus, result.Attempts));
        Assert.Equal("HTTP 404 Not Found", result.Error);
        Assert.Empty(folder.Files);
    }

    [Fact]
    public async Task FetchAsync_ServerError_IsRetriedThenFailsAndLeavesNoFile()
    {
        using var folder = new TempFolder();
        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder), Server.Url("/status/500?key=se")));

        Assert.Equal((FetchStatus.Failed, 3), (result.Status, result.Attempts));
        Assert.Equal("HTTP 500 Internal Server Error", result.Error);
        Assert.Equal(3, Server.Hits("se"));
        Assert.Empty(folder.Files);
    }

    [Fact]
    public async Task FetchAsync_UnavailableTwiceWithRetryAfter_WaitsAsAskedThenSucceeds()
    {
        using var folder = new TempFolder();
        var progress = new ProgressLog();
        var time = new FakeTimeProvider();
        var run = FetchRun.RunAsync(FetchRun.Options(folder) with { Progress = progress, TimeProvider = time }, Server.Url("/unavailable/ra.bin?size=5000&failures=2"));
        for (var retry = 1; retry <= 2; retry++)
        {
            Assert.True(await Eventually.HoldsAsync(() => progress.Where(FetchState.Retrying).Count() == retry));

            // Time moves only here, a tenth of a second at a time, until the next attempt reaches the server.
            Assert.True(await Eventually.HoldsAsync(() =>
            {
                if (Server.Hits("ra.bin") > retry)
                {
                    return true;
                }

                time.Advance(TimeSpan.FromMilliseconds(100));
                return false;
            }));
        }

        var result = Assert.Single(await run);

        Assert.Equal((FetchStatus.Downloaded, 3), (result.Status, result.Attempts));
        Assert.InRange(result.Duration, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.3));
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)], progress.Where(FetchState.Retrying).Select(p => p.RetryIn!.Value));
        Assert.Equal(Body.Of("ra.bin", 5000), folder.Read("ra.bin"));
    }

    [Theory]
    [InlineData(10_000L, null, 1)]
    [InlineData(10_000L, null, 2)]
    [InlineData(null, 10_000L, 1)]
    public async Task FetchAsync_RateLimit_LetsThroughOnePeriodsBytesPerPeriod(long? rate, long? perDownload, int files)
    {
        using var folder = new TempFolder();
        var time = new FakeTimeProvider();
        const int Size = 20_000;
        using var downloader = new Downloader(FetchRun.Options(folder) with { TimeProvider = time, RateLimit = rate, RateLimitPerDownload = perDownload });
        var requests = Enumerable.Range(0, files).Select(i => new FetchRequest(Server.Url($"/files/capped-{i}.bin?size={Size}"))).ToList();
        var run = downloader.FetchAsync(requests, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken).AsTask();

        // 10,000 bytes a second is 500 every twentieth of a second, after the four periods' worth a cap starts with.
        // Time moves only here, a period at a time, once the bytes the periods so far allow have come in (within a read
        // per file: a read may bring less than 500), and never more than they allow.
        var periods = 0;
        while (downloader.Totals.Bytes < files * Size)
        {
            var allowed = (Bandwidth.Burst + periods) * 500L;
            var target = Math.Min(files * Size, allowed - (500 * files) + 1);
            Assert.True(
                await Eventually.HoldsAsync(() => downloader.Totals.Bytes >= target),
                $"{downloader.Totals.Bytes} bytes after {periods} periods, expected at least {target}");
            Assert.True(downloader.Totals.Bytes <= allowed, $"{downloader.Totals.Bytes} bytes after {periods} periods, more than {allowed}");
            if (downloader.Totals.Bytes < files * Size)
            {
                time.Advance(TimeSpan.FromMilliseconds(50));
                periods++;
            }
        }

        // What is left to do (the last write, the rename) waits on nothing but the fake clock's flush delay.
        Assert.True(await Eventually.HoldsAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            return run.IsCompleted;
        }));

        var results = await run;
        Assert.All(results, r => Assert.Equal(FetchStatus.Downloaded, r.Status));
        Assert.Equal(Body.Of("capped-0.bin", Size), folder.Read("capped-0.bin"));
        Assert.InRange(periods, (files * Size / 500) - Bandwidth.Burst, (files * Size / 500) - Bandwidth.Burst + files + 1);
    }

    [Fact]
    public async Task FetchAsync_RetryAfterLongerThanTheCap_WaitsOnlyTheCap()
    {
        using var folder = new TempFolder();
        var progress = new ProgressLog();
        await FetchRun.RunAsync(
            FetchRun.Options(folder) with { Progress = progress, MaxRetryWait = TimeSpan.FromMilliseconds(50) },
            Server.Url("/unavailable/cap.bin?size=10&failures=1"));

        Assert.Equal(TimeSpan.FromMilliseconds(50), Assert.Single(progress.Where(FetchState.Retrying)).RetryIn);
    }

    [Fact]
    public async Task FetchAsync_TooManyRequestsOnce_IsRetried()
    {
        using var folder = new TempFolder();
        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder), Server.Url("/busy/busy.bin?size=2000")));

        Assert.Equal((FetchStatus.Downloaded, 2), (result.Status, result.Attempts));
        Assert.Equal(Body.Of("busy.bin", 2000), folder.Read("busy.bin"));
    }

    [Fact]
    public async Task FetchAsync_BodyCutMidway_ResumesWithRangeAndTheFileIsIdentical()
    {
        using var folder = new TempFolder();
        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder), Server.Url("/cut/cut.bin?size=200000")));

        Assert.Equal((FetchStatus.Downloaded, 2, 206), (result.Status, result.Attempts, result.HttpStatus));
        Assert.Equal(["", $"bytes={100_000 - 4096}-"], Server.RangesAsked("cut.bin"));
        Assert.Equal(Body.Of("cut.bin", 200_000), folder.Read("cut.bin"));
        Assert.Equal(["cut.bin"], folder.Files);
    }

    [Fact]
    public async Task FetchAsync_ServerIgnoresRange_StartsAgainAndTheFileIsIdentical()
    {
        using var folder = new TempFolder();
        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder), Server.Url("/cut/norange.bin?size=200000&ignoreRange=true")));

        Assert.Equal((FetchStatus.Downloaded, 2, 200), (result.Status, result.Attempts, result.HttpStatus));
        Assert.Equal(Body.Of("norange.bin", 200_000), folder.Read("norange.bin"));
    }

    [Fact]
    public async Task FetchAsync_BodyStalls_TimesOutRetriesFailsAndLeavesOnlyThePart()
    {
        using var folder = new TempFolder();
        var result = Assert.Single(await FetchRun.RunAsync(
            FetchRun.Options(folder) with { StallTimeout = TimeSpan.FromMilliseconds(300), Retries = 1 },
            Server.Url("/stall/stall.bin?size=100000")));

        Assert.Equal((FetchStatus.Failed, 2), (result.Status, result.Attempts));
        Assert.Equal("no data for 0.3 s", result.Error);
        Assert.Equal(["stall.bin.part"], folder.Files);
    }

    [Fact]
    public async Task FetchAsync_ContentLengthLongerThanTheBody_FailsWithoutAFinalFile()
    {
        using var folder = new TempFolder();
        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder), Server.Url("/short/short.bin?size=5000")));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.Equal(3, result.Attempts);
        Assert.DoesNotContain("short.bin", folder.Files);
        Assert.All(folder.Files, f => Assert.EndsWith(".part", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FetchAsync_Redirect_IsFollowedAndTheFinalUrlReported()
    {
        using var folder = new TempFolder();
        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder), Server.Url("/redirect/moved.bin?size=300")));

        Assert.Equal(FetchStatus.Downloaded, result.Status);
        Assert.Equal(Server.Url("/files/moved.bin?size=300"), result.FinalUrl);
        Assert.Equal(Body.Of("moved.bin", 300), folder.Read("moved.bin"));
    }

    [Fact]
    public async Task FetchAsync_RedirectLoop_FailsWithAReason()
    {
        using var folder = new TempFolder();
        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder), Server.Url("/loop")));

        Assert.Equal(FetchStatus.Failed, result.Status);
        Assert.StartsWith("HTTP 302 Found: too many redirects", result.Error, StringComparison.Ordinal);
        Assert.Empty(folder.Files);
    }

    [Theory]
    [InlineData("attachment; filename=\"../../escape.txt\"", "escape.txt")]
    [InlineData("attachment; filename=\"..\"", "disposition")]
    [InlineData("attachment; filename*=UTF-8''na%C3%AFve%20r%C3%A9sum%C3%A9.txt; filename=\"fallback.txt\"", "naïve résumé.txt")]
    [InlineData("attachment; filename=\"a\\\\b.txt\"", "b.txt")]
    public async Task FetchAsync_ContentDisposition_NamesTheFileInsideTheFolderOnly(string header, string expected)
    {
        using var folder = new TempFolder();
        var url = Server.Url($"/disposition?size=64&header={Uri.EscapeDataString(header)}");
        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder), url));

        Assert.Equal(FetchStatus.Downloaded, result.Status);
        Assert.Equal([expected], folder.Files);
        Assert.Equal(Path.Combine(folder.Path, expected), result.Path);
    }

    [Fact]
    public async Task FetchAsync_ChunkedWithoutLength_IsSavedWhole()
    {
        using var folder = new TempFolder();
        var result = Assert.Single(await FetchRun.RunAsync(FetchRun.Options(folder), Server.Url("/chunked/chunked.bin?size=25500")));

        Assert.Equal(FetchStatus.Downloaded, result.Status);
        Assert.Equal(Body.Of("chunked.bin", 25_500), folder.Read("chunked.bin"));
    }

    [Fact]
    public async Task FetchAsync_CredentialsInTheUrl_AuthenticateButAreNeverShown()
    {
        using var folder = new TempFolder();
        var progress = new ProgressLog();
        var url = Server.Url("/private/secret.bin?size=100").Replace("http://", "http://alice:s3cret@", StringComparison.Ordinal);
        var results = await FetchRun.RunAsync(FetchRun.Options(folder) with { Progress = progress }, url, url.Replace("s3cret", "wrong", StringComparison.Ordinal));

        Assert.Equal([FetchStatus.Downloaded, FetchStatus.Failed], results.Select(r => r.Status));
        Assert.Equal(Body.Of("secret.bin", 100), folder.Read("secret.bin"));
        Assert.StartsWith("http://***@127.0.0.1", results[0].Url, StringComparison.Ordinal);
        Assert.All(results, r => Assert.DoesNotContain("s3cret", r.ToString(), StringComparison.Ordinal));
        Assert.All(progress.All, p => Assert.DoesNotContain("s3cret", p.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task FetchAsync_Netrc_LogsInToItsHostOnlyAndTheUrlInTheUrlWins()
    {
        using var folder = new TempFolder();
        var netrc = Atelier.Fetch.Credentials.Netrc.Parse(new StringReader("machine 127.0.0.1 login alice password s3cret\nmachine localhost login alice password wrong"));
        var byIp = Server.Url("/private/netrc.bin?size=100");
        var byName = byIp.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var ownLogin = byIp.Replace("http://", "http://alice:wrong@", StringComparison.Ordinal);

        var results = await FetchRun.RunAsync(FetchRun.Options(folder) with { Netrc = netrc }, byIp, byName, ownLogin);

        Assert.Equal([FetchStatus.Downloaded, FetchStatus.Failed, FetchStatus.Failed], results.Select(r => r.Status));
        Assert.Equal([null, "HTTP 401 Unauthorized", "HTTP 401 Unauthorized"], results.Select(r => r.Error));
        Assert.Equal(Body.Of("netrc.bin", 100), folder.Read("netrc.bin"));
        Assert.All(results, r => Assert.DoesNotContain("s3cret", r.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task FetchAsync_Cookies_SendsTheFilesKeepsWhatTheServerSetsAndWritesThemBack()
    {
        using var folder = new TempFolder();
        using var jarFolder = new TempFolder();
        var jar = jarFolder.Write("cookies.txt", string.Join('\n',
            "# Netscape HTTP Cookie File",
            "127.0.0.1\tFALSE\t/\tFALSE\t0\tfrom_file\tabc",
            "#HttpOnly_127.0.0.1\tFALSE\t/cookies\tFALSE\t4102444800\tdeep\tx1",
            "127.0.0.1\tFALSE\t/elsewhere\tFALSE\t0\tother_path\tnope",
            "localhost\tFALSE\t/\tFALSE\t0\tother_host\tnope",
            "127.0.0.1\tFALSE\t/\tFALSE\t1000\told\texpired",
            ""));
        var options = FetchRun.Options(folder) with { Concurrency = 1, Cookies = Atelier.Fetch.Credentials.CookieJar.Load(jar) };

        var results = await FetchRun.RunAsync(options, Server.Url("/cookies/set/fresh?value=v1"), Server.Url("/cookies/echo/sent"));

        Assert.All(results, r => Assert.Equal(FetchStatus.Downloaded, r.Status));
        var sent = System.Text.Encoding.UTF8.GetString(folder.Read("sent")).Split("; ").Order(StringComparer.Ordinal);
        Assert.Equal(["deep=x1", "fresh=v1", "from_file=abc"], sent);
        var written = File.ReadAllLines(jar).Where(l => !l.StartsWith("# ", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, written.Count);
        Assert.Contains("127.0.0.1\tFALSE\t/\tFALSE\t0\tfrom_file\tabc", written);
        Assert.Contains("#HttpOnly_127.0.0.1\tFALSE\t/cookies\tFALSE\t4102444800\tdeep\tx1", written);
        Assert.Contains("localhost\tFALSE\t/\tFALSE\t0\tother_host\tnope", written);
        Assert.Contains("127.0.0.1\tFALSE\t/elsewhere\tFALSE\t0\tother_path\tnope", written);
        var fresh = Assert.Single(written, l => l.Contains("\tfresh\t", StringComparison.Ordinal)).Split('\t');
        Assert.Equal(["#HttpOnly_127.0.0.1", "FALSE", "/", "FALSE"], fresh[..4]);
        Assert.InRange(long.Parse(fresh[4], System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddHours(23).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddHours(25).ToUnixTimeSeconds());
        Assert.DoesNotContain(written, l => l.Contains("\told\t", StringComparison.Ordinal));
        Assert.False(File.Exists(jar + ".part"));
    }

    [Fact]
    public void CookieJar_LineThatIsNotACookie_FailsNamingTheLine()
    {
        using var folder = new TempFolder();
        var jar = folder.Write("cookies.txt", "# comment\n\n127.0.0.1\tFALSE\t/\tmaybe\t0\tname\tvalue\n");

        var error = Assert.Throws<AtelierException>(() => Atelier.Fetch.Credentials.CookieJar.Load(jar));

        Assert.Equal($"'{jar}' line 3 is not a cookie (domain, subdomains, path, secure, expiry, name, value, separated by TABs)", error.Message);
    }

    [Fact]
    public async Task FetchAsync_BadUrls_FailAsItemsAndTheRestDownloads()
    {
        using var folder = new TempFolder();
        var results = await FetchRun.RunAsync(
            FetchRun.Options(folder),
            "not a url", "ftp://example.com/file", Server.Url("/files/fine.bin?size=10"), "/etc/passwd");

        Assert.Equal([FetchStatus.Failed, FetchStatus.Failed, FetchStatus.Downloaded, FetchStatus.Failed], results.Select(r => r.Status));
        Assert.Equal("'not a url' is not a URL", results[0].Error);
        Assert.Equal("unsupported scheme 'ftp' in 'ftp://example.com/file' (http and https are)", results[1].Error);
        Assert.Equal("'/etc/passwd' is a file path, not a URL", results[3].Error);
        Assert.Equal(["fine.bin"], folder.Files);
    }

    private sealed class ProgressLog : IProgress<FetchProgress>
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<FetchProgress> reports = new();

        public IReadOnlyList<FetchProgress> All => [.. reports];

        public IEnumerable<FetchProgress> Where(FetchState state) => All.Where(p => p.State == state);

        public void Report(FetchProgress value) => reports.Enqueue(value);
    }
}
